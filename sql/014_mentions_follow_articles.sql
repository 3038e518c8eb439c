-- A mention's article is checked once per article of a load, not once per mention.
--
-- The foreign key event_mentions.article_id → articles checked every row the loader copies in
-- (a look-up and a row lock per mention): two fifths of the server's cost of that COPY. The
-- loader now calls require_articles with a batch's article ids before it writes: one
-- statement locks them (FOR KEY SHARE, the lock the foreign key took, so an article cannot be
-- deleted while a load of its mentions is in flight) and refuses the batch, with the foreign
-- key's error code, when one is not stored. Deleting or truncating articles still takes their
-- mentions with them, by the statement-level triggers below, as ON DELETE CASCADE did.
ALTER TABLE event_mentions DROP CONSTRAINT event_mentions_article_id_fkey;

CREATE FUNCTION require_articles(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    locked bigint;
    missing bigint;
BEGIN
    PERFORM 1 FROM articles WHERE id = ANY(ids) FOR KEY SHARE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < (SELECT count(DISTINCT i) FROM unnest(ids) AS i) THEN
        SELECT min(i) INTO missing FROM unnest(ids) AS i WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = i);
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = 'article ' || missing || ' is not stored';
    END IF;
END
$$;

CREATE FUNCTION delete_mentions_of_deleted_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_mentions m USING deleted d WHERE m.article_id = d.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_mentions_deleted AFTER DELETE ON articles
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION delete_mentions_of_deleted_articles();

-- TRUNCATE articles … CASCADE emptied event_mentions through the foreign key. (A DELETE: a
-- TRUNCATE here fails when the statement truncates event_mentions too, which it then has done.)
CREATE FUNCTION delete_mentions_of_truncated_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_mentions;
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_mentions_truncated AFTER TRUNCATE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION delete_mentions_of_truncated_articles();
