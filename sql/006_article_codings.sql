-- Which articles each coder version has coded (with or without events). An article stored by
-- a run that died before its extraction step has no row here, and the next run codes it: a
-- crash loses no events. Also what "re-coded" means for a version, event-less articles included.
CREATE TABLE article_codings (
    article_id     bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    coder_version  text NOT NULL,
    mentions       integer NOT NULL,
    coded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, coder_version)
);
INSERT INTO article_codings (article_id, coder_version, mentions)
SELECT article_id, coder_version, count(*) FROM event_mentions GROUP BY 1, 2
ON CONFLICT DO NOTHING;
