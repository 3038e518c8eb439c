"""The feed scheduler's parts on their own: the order feeds start in, concurrency with a
failing feed, and coding in batches while ids keep arriving."""

from __future__ import annotations

import threading
import time

import pytest

from pipeline.scheduler import BatchCoder, round_robin_by_host, run_concurrently


def test_feeds_start_round_robin_by_host_so_one_busy_host_does_not_queue_the_others():
    urls = ["http://a.example/1", "http://a.example/2", "http://a.example/3", "http://b.example/1",
            "http://c.example/1", "http://c.example/2"]
    ordered = round_robin_by_host(urls, lambda u: u)
    assert ordered == ["http://a.example/1", "http://b.example/1", "http://c.example/1",
                       "http://a.example/2", "http://c.example/2", "http://a.example/3"]


def test_a_host_differing_only_in_case_or_port_counts_as_the_same_host():
    ordered = round_robin_by_host(["http://A.example:81/f", "http://a.example:82/f", "http://b.example/f"], lambda u: u)
    assert ordered == ["http://A.example:81/f", "http://b.example/f", "http://a.example:82/f"]


def test_work_runs_concurrently_and_results_keep_the_input_order():
    together = threading.Barrier(3, timeout=10)  # broken unless three items run at once
    running, most = 0, 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        if n < 3:
            together.wait()
        time.sleep(0.02 * (5 - n))
        with lock:
            running -= 1
        return n * 10

    assert run_concurrently([0, 1, 2, 3, 4], work, workers=3) == [0, 10, 20, 30, 40]
    assert most == 3


def test_a_failing_item_stops_new_items_but_lets_running_ones_finish_then_raises():
    finished: list[int] = []
    broke = threading.Event()

    def work(n: int) -> int:
        if n == 0:
            broke.set()
            raise RuntimeError("feed 0 broke")
        broke.wait(10)
        time.sleep(0.1)
        finished.append(n)
        return n

    with pytest.raises(RuntimeError, match="feed 0 broke"):
        run_concurrently(list(range(10)), work, workers=2)
    assert finished == [1]  # item 1 was running and finished; items 2-9 never started


def test_the_batch_coder_codes_each_id_once_in_batches_of_at_most_the_batch_size():
    batches: list[list[int]] = []
    coder = BatchCoder(batches.append, batch_size=4, linger_s=0.05)
    coder.add([1, 2, 3])
    coder.add([3, 4, 5, 6, 7, 8, 9])
    coder.add([1, 10])
    coder.close()
    assert sorted(i for b in batches for i in b) == list(range(1, 11))
    assert all(1 <= len(b) <= 4 for b in batches)


def test_the_batch_coder_starts_a_partial_batch_after_the_linger_while_producers_are_still_running():
    coded = threading.Event()
    coder = BatchCoder(lambda _ids: coded.set(), batch_size=100, linger_s=0.1)
    coder.add([1])
    assert coded.wait(2.0), "a lone id waited for a full batch"
    coder.close()


def test_a_coding_error_stops_coding_and_is_raised_by_close():
    seen: list[list[int]] = []

    def code(ids: list[int]) -> None:
        seen.append(ids)
        raise ConnectionError("database went away")

    coder = BatchCoder(code, batch_size=2, linger_s=0.01)
    coder.add([1, 2])
    time.sleep(0.2)
    coder.add([3, 4])  # after the failure: left for the next run (article_codings)
    with pytest.raises(ConnectionError):
        coder.close()
    assert seen == [[1, 2]]


def test_several_coding_threads_share_the_ids_and_code_batches_at_the_same_time():
    together = threading.Barrier(3, timeout=10)  # broken unless three batches are coded at once
    coded: list[int] = []
    lock = threading.Lock()

    def code(ids: list[int]) -> None:
        together.wait()
        with lock:
            coded.extend(ids)

    coder = BatchCoder(code, batch_size=5, linger_s=0.05, workers=3)
    coder.add(range(30))
    coder.close()  # would raise BrokenBarrierError had fewer than three threads coded together
    assert sorted(coded) == list(range(30))
