/* The loop/touch state machine and the gesture reader, under a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/gesture.h"
#include "model/touch.h"

/* A playlist: topics A (slides 0, 2, 3), B (slide 1 only), C (no slides),
 * and slide 4 without a topic. Idle timeout 45 s. */
static bt_topic topics[3];
static bt_slide slides[5];
static bt_tip tips[4];

static bt_playlist make(int n_topics)
{
    bt_playlist pl;
    memset(&pl, 0, sizeof pl);
    memset(slides, 0, sizeof slides);
    memset(tips, 0, sizeof tips);
    static const int topic_of[5] = {0, 1, 0, 0, -1};
    for (int i = 0; i < 5; i++) {
        slides[i].topic_index = n_topics ? topic_of[i] : -1;
        slides[i].topic = n_topics && topic_of[i] >= 0 ? "t" : NULL;
    }
    static const int tip_topic[4] = {0, 1, -1, 0};
    for (int i = 0; i < 4; i++)
        tips[i].topic_index = tip_topic[i];
    pl.topics = topics;
    pl.n_topics = n_topics;
    pl.slides = slides;
    pl.n_slides = 5;
    pl.tips = tips;
    pl.n_tips = 4;
    pl.idle_timeout_ms = 45000;
    return pl;
}

static bt_input tap(bt_target target, int index)
{
    return (bt_input){BT_INPUT_TAP, target, index};
}

static bt_input key(bt_input_kind k)
{
    return (bt_input){k, BT_TARGET_NONE, 0};
}

static void tiles_follow_topics(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    assert_true(t.grid);
    assert_int_equal(t.n_groups, 3); /* A, B and "other"; C has no slides */
    assert_int_equal(t.groups[0].topic, 0);
    assert_int_equal(t.groups[0].n_slides, 3);
    assert_int_equal(t.groups[1].topic, 1);
    assert_int_equal(t.groups[2].topic, -1);
    assert_int_equal(t.groups[2].slides[0], 4);
    bt_touch_free(&t);
}

/* A slide naming a topic the playlist lacks plays in the loop but is in no
 * tile: not under its (missing) topic, not under "other". */
static void slide_with_missing_topic_is_not_browsable(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    slides[3].topic = "khong-co";
    slides[3].topic_index = -1;
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    for (int g = 0; g < t.n_groups; g++)
        for (int i = 0; i < t.groups[g].n_slides; i++)
            assert_int_not_equal(t.groups[g].slides[i], 3);
    assert_int_equal(t.groups[0].n_slides, 2); /* topic A keeps slides 0 and 2 */
    bt_touch_free(&t);
}

static void loop_topics_topic_pages_back_home(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    uint64_t ms = 1000;
    assert_int_equal(t.view, BT_VIEW_LOOP);
    assert_true(bt_touch_deadline(&t) == UINT64_MAX);

    assert_true(bt_touch_input(&t, tap(BT_TARGET_NONE, 0), ms += 1000));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    assert_true(bt_touch_input(&t, tap(BT_TARGET_TILE, 0), ms += 1000));
    assert_int_equal(t.view, BT_VIEW_TOPIC);
    assert_int_equal(bt_touch_slide(&t), 0);
    assert_int_equal(bt_touch_neighbour(&t, +1), 2);
    assert_int_equal(bt_touch_neighbour(&t, -1), 3);

    assert_true(bt_touch_input(&t, tap(BT_TARGET_NEXT, 0), ms += 1000));
    assert_int_equal(bt_touch_slide(&t), 2);
    assert_true(bt_touch_input(&t, key(BT_INPUT_SWIPE_NEXT), ms += 1000));
    assert_int_equal(bt_touch_slide(&t), 3);
    assert_true(bt_touch_input(&t, key(BT_INPUT_SWIPE_NEXT), ms += 1000));
    assert_int_equal(bt_touch_slide(&t), 0); /* wraps */
    assert_true(bt_touch_input(&t, tap(BT_TARGET_PREV, 0), ms += 1000));
    assert_int_equal(bt_touch_slide(&t), 3);
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_LEFT), ms += 1000));
    assert_int_equal(bt_touch_slide(&t), 2);

    int idx[8];
    assert_int_equal(bt_touch_tips(&t, idx, 8), 2); /* the topic's own tips */
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[1], 3);

    assert_true(bt_touch_input(&t, tap(BT_TARGET_BACK, 0), ms += 1000));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    assert_int_equal(t.selected, 0); /* back on the tile it came from */
    assert_true(bt_touch_input(&t, tap(BT_TARGET_TILE, 2), ms += 1000));
    assert_int_equal(bt_touch_slide(&t), 4); /* "other" */
    assert_true(bt_touch_input(&t, tap(BT_TARGET_HOME, 0), ms += 1000));
    assert_int_equal(t.view, BT_VIEW_LOOP);
    assert_int_equal(bt_touch_slide(&t), -1);
    bt_touch_free(&t);
}

static void keys_drive_it_too(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    uint64_t ms = 0;
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_ENTER), ms += 500));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_RIGHT), ms += 500));
    assert_int_equal(t.selected, 1);
    assert_false(bt_touch_input(&t, key(BT_INPUT_KEY_DOWN), ms += 500)); /* no row below */
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_ENTER), ms += 500));
    assert_int_equal(bt_touch_slide(&t), 1);
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_BACK), ms += 500));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_BACK), ms += 500));
    assert_int_equal(t.view, BT_VIEW_LOOP);
    assert_false(bt_touch_input(&t, key(BT_INPUT_KEY_BACK), ms += 500)); /* nothing to go back to */
    assert_true(bt_touch_input(&t, key(BT_INPUT_KEY_OTHER), ms += 500));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    bt_touch_free(&t);
}

/* Idle timeout from each state; input just before it keeps the visitor in. */
static void idle_timeout_returns_to_the_loop(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    for (int where = 0; where < 2; where++) {
        uint64_t ms = 100000 + (uint64_t)where * 1000000;
        bt_touch_input(&t, tap(BT_TARGET_NONE, 0), ms);
        if (where == 1)
            bt_touch_input(&t, tap(BT_TARGET_TILE, 1), ms += 1000);
        assert_int_equal(t.view, where == 0 ? BT_VIEW_TOPICS : BT_VIEW_TOPIC);
        assert_true(bt_touch_deadline(&t) == ms + 45000);
        assert_false(bt_touch_tick(&t, ms + 44999));
        /* a touch 1 ms before the end starts the 45 s again */
        bt_touch_input(&t, key(BT_INPUT_PRESS), ms + 44999);
        bt_touch_input(&t, key(BT_INPUT_RELEASE), ms + 44999);
        assert_false(bt_touch_tick(&t, ms + 45000));
        assert_false(bt_touch_tick(&t, ms + 44999 + 44999));
        assert_true(bt_touch_tick(&t, ms + 44999 + 45000));
        assert_int_equal(t.view, BT_VIEW_LOOP);
        assert_true(bt_touch_deadline(&t) == UINT64_MAX);
    }
    bt_touch_free(&t);
}

/* A finger held down is a visitor still there, however long. */
static void held_finger_is_never_thrown_out(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    bt_touch_input(&t, tap(BT_TARGET_NONE, 0), 0);
    bt_touch_input(&t, key(BT_INPUT_PRESS), 1000);
    assert_true(bt_touch_deadline(&t) == UINT64_MAX);
    assert_false(bt_touch_tick(&t, 10 * 60 * 1000));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    bt_touch_input(&t, key(BT_INPUT_RELEASE), 600000);
    assert_true(bt_touch_deadline(&t) == 600000 + 45000);
    bt_touch_free(&t);
}

static void taps_are_debounced(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    assert_true(bt_touch_input(&t, tap(BT_TARGET_NONE, 0), 5000));
    /* the same tap again as a synthesised click, 30 ms later: ignored */
    assert_false(bt_touch_input(&t, tap(BT_TARGET_TILE, 0), 5030));
    assert_int_equal(t.view, BT_VIEW_TOPICS);
    assert_true(bt_touch_input(&t, tap(BT_TARGET_TILE, 0), 5000 + BT_TAP_DEBOUNCE_MS));
    assert_int_equal(t.view, BT_VIEW_TOPIC);
    bt_touch_free(&t);
}

static void one_slide_topic(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    bt_touch_input(&t, tap(BT_TARGET_NONE, 0), 1000);
    bt_touch_input(&t, tap(BT_TARGET_TILE, 1), 2000);
    assert_int_equal(bt_touch_slide(&t), 1);
    bt_touch_input(&t, tap(BT_TARGET_NEXT, 0), 3000);
    assert_int_equal(bt_touch_slide(&t), 1);
    bt_touch_input(&t, key(BT_INPUT_SWIPE_PREV), 4000);
    assert_int_equal(bt_touch_slide(&t), 1);
    assert_int_equal(bt_touch_neighbour(&t, +1), 1);
    bt_touch_free(&t);
}

/* No topics at all: the first touch shows all slides, back goes home. */
static void no_topics_shows_all_slides(void **state)
{
    (void)state;
    bt_playlist pl = make(0);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    assert_false(t.grid);
    assert_true(bt_touch_input(&t, tap(BT_TARGET_NONE, 0), 1000));
    assert_int_equal(t.view, BT_VIEW_TOPIC);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(bt_touch_slide(&t), i);
        bt_touch_input(&t, tap(BT_TARGET_NEXT, 0), 2000 + 1000 * (uint64_t)i);
    }
    assert_int_equal(bt_touch_slide(&t), 0);
    int idx[8];
    assert_int_equal(bt_touch_tips(&t, idx, 8), 4);
    assert_true(bt_touch_input(&t, tap(BT_TARGET_BACK, 0), 9000));
    assert_int_equal(t.view, BT_VIEW_LOOP);
    bt_touch_free(&t);
}

static void gestures(void **state)
{
    (void)state;
    static const struct {
        const char *title;
        int x0, y0, x1, y1, fingers;
        uint64_t ms;
        bt_gesture_kind want;
    } cases[] = {
        {"tap", 500, 500, 505, 498, 1, 120, BT_GESTURE_TAP},
        {"swipe left", 1500, 500, 900, 540, 1, 300, BT_GESTURE_SWIPE_LEFT},
        {"swipe right", 300, 500, 900, 460, 1, 300, BT_GESTURE_SWIPE_RIGHT},
        {"long press", 500, 500, 500, 500, 1, 2000, BT_GESTURE_NONE},
        {"two fingers", 500, 500, 505, 500, 2, 100, BT_GESTURE_NONE},
        {"vertical drag", 500, 200, 520, 900, 1, 300, BT_GESTURE_NONE},
        {"short drag", 500, 500, 600, 500, 1, 300, BT_GESTURE_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bt_gesture_state g;
        bt_gesture_init(&g, 1920);
        bt_gesture_down(&g, cases[i].x0, cases[i].y0, 1, 1000);
        if (cases[i].fingers > 1)
            bt_gesture_down(&g, 900, 900, cases[i].fingers, 1010);
        bt_gesture_move(&g, (cases[i].x0 + cases[i].x1) / 2, (cases[i].y0 + cases[i].y1) / 2);
        bt_gesture r = bt_gesture_up(&g, cases[i].x1, cases[i].y1, 1000 + cases[i].ms);
        if (r.kind != cases[i].want)
            fail_msg("%s: got %d, want %d", cases[i].title, r.kind, cases[i].want);
        if (r.kind == BT_GESTURE_TAP) {
            assert_int_equal(r.x, cases[i].x0);
            assert_int_equal(r.y, cases[i].y0);
        }
    }
    bt_gesture_state g;
    bt_gesture_init(&g, 1920);
    assert_int_equal(bt_gesture_up(&g, 1, 1, 5).kind, BT_GESTURE_NONE); /* up without down */
}

/* A tap on a page's slide pauses its clip and a second plays it on; it
 * moves nothing and keeps the visitor's time; any other page, or the
 * loop, starts clean. */
static void tap_on_the_slide_pauses(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    uint64_t ms = 1000;
    bt_touch_input(&t, tap(BT_TARGET_NONE, 0), ms);
    bt_touch_input(&t, tap(BT_TARGET_TILE, 0), ms += 300);
    assert_int_equal(t.view, BT_VIEW_TOPIC);
    assert_false(t.paused);
    assert_false(bt_touch_input(&t, tap(BT_TARGET_SLIDE, 0), ms += 300));
    assert_true(t.paused);
    assert_true(bt_touch_deadline(&t) == ms + 45000);
    assert_false(bt_touch_input(&t, tap(BT_TARGET_SLIDE, 0), ms += 100)); /* a bounce */
    assert_true(t.paused);
    bt_touch_input(&t, tap(BT_TARGET_SLIDE, 0), ms += 300);
    assert_false(t.paused);
    bt_touch_input(&t, tap(BT_TARGET_SLIDE, 0), ms += 300);
    assert_true(t.paused);
    assert_true(bt_touch_input(&t, tap(BT_TARGET_NEXT, 0), ms += 300));
    assert_false(t.paused); /* the next page's clip plays */
    bt_touch_input(&t, tap(BT_TARGET_SLIDE, 0), ms += 300);
    assert_true(t.paused);
    assert_true(bt_touch_tick(&t, ms + 45000));
    assert_false(t.paused);
    bt_touch_free(&t);
}

/* The countdown before the idle return: nothing until its last ten
 * seconds, then the whole seconds left, each change a wake-up; a touch
 * ends it; a short timeout counts down its last third. */
static void countdown_before_the_idle_return(void **state)
{
    (void)state;
    bt_playlist pl = make(3);
    bt_touch t;
    assert_true(bt_touch_init(&t, &pl));
    assert_int_equal(bt_touch_countdown(&t, 0), 0); /* the loop: none */
    assert_true(bt_touch_countdown_at(&t, 0) == UINT64_MAX);
    uint64_t ms = 100000;
    bt_touch_input(&t, tap(BT_TARGET_NONE, 0), ms); /* timeout 45 s: ends at ms + 45000 */
    assert_int_equal(bt_touch_countdown(&t, ms + 34999), 0);
    assert_true(bt_touch_countdown_at(&t, ms) == ms + 35000);
    assert_int_equal(bt_touch_countdown(&t, ms + 35000), 10);
    assert_true(bt_touch_countdown_at(&t, ms + 35000) == ms + 36000);
    assert_int_equal(bt_touch_countdown(&t, ms + 35001), 10);
    assert_int_equal(bt_touch_countdown(&t, ms + 36000), 9);
    assert_int_equal(bt_touch_countdown(&t, ms + 44001), 1);
    assert_true(bt_touch_countdown_at(&t, ms + 44001) == ms + 45000);
    /* Every second of it is a change the player wakes for, in order. */
    uint64_t at = ms + 35000;
    for (int n = 10; n >= 1; n--) {
        assert_int_equal(bt_touch_countdown(&t, at), n);
        uint64_t next = bt_touch_countdown_at(&t, at);
        assert_true(next == at + 1000);
        at = next;
    }
    /* A touch at 3 s left starts the time again: no countdown. */
    bt_touch_input(&t, key(BT_INPUT_PRESS), ms + 42000);
    bt_touch_input(&t, key(BT_INPUT_RELEASE), ms + 42000);
    assert_int_equal(bt_touch_countdown(&t, ms + 42001), 0);
    assert_true(bt_touch_tick(&t, ms + 42000 + 45000));
    assert_int_equal(bt_touch_countdown(&t, ms + 42000 + 45000), 0);
    bt_touch_free(&t);

    /* A 6 s timeout: its last 2 s. */
    pl.idle_timeout_ms = 6000;
    assert_true(bt_touch_init(&t, &pl));
    bt_touch_input(&t, tap(BT_TARGET_NONE, 0), 0);
    assert_int_equal(bt_touch_countdown(&t, 3999), 0);
    assert_int_equal(bt_touch_countdown(&t, 4000), 2);
    assert_int_equal(bt_touch_countdown(&t, 5500), 1);
    bt_touch_free(&t);

    /* A 3 s timeout: too short to read a countdown in. */
    pl.idle_timeout_ms = 3000;
    assert_true(bt_touch_init(&t, &pl));
    bt_touch_input(&t, tap(BT_TARGET_NONE, 0), 0);
    for (uint64_t when = 0; when < 3000; when += 100)
        assert_int_equal(bt_touch_countdown(&t, when), 0);
    assert_true(bt_touch_countdown_at(&t, 0) == UINT64_MAX);
    bt_touch_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiles_follow_topics),
        cmocka_unit_test(slide_with_missing_topic_is_not_browsable),
        cmocka_unit_test(loop_topics_topic_pages_back_home),
        cmocka_unit_test(keys_drive_it_too),
        cmocka_unit_test(idle_timeout_returns_to_the_loop),
        cmocka_unit_test(held_finger_is_never_thrown_out),
        cmocka_unit_test(taps_are_debounced),
        cmocka_unit_test(one_slide_topic),
        cmocka_unit_test(no_topics_shows_all_slides),
        cmocka_unit_test(gestures),
        cmocka_unit_test(countdown_before_the_idle_return),
        cmocka_unit_test(tap_on_the_slide_pauses),
    };
    return cmocka_run_group_tests_name("touch", tests, NULL, NULL);
}
