/* The loop's playlist made from the campaign and the office's playlist
 * (model/mix.h): the order of the slides, alerts, tips, topics merged by
 * id, whose look wins, either source absent, and a view that frees only
 * what it owns. The two playlists are real files read by the loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/loop.h"
#include "model/mix.h"
#include "model/playlist_load.h"
#include "model/touch.h"

static char dir[64];

/* A playlist file named name whose slides are n normal ones, id PREFIX1..N
 * (text only), then n_alert alerts ALERTPREFIX1..; extra YAML goes on top. */
static bt_playlist *load(const char *name, const char *prefix, int n, int n_alert,
                         const char *extra)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s.yaml", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "version: 1\nname: \"%s\"\n%s\n%s", name, extra ? extra : "",
            n + n_alert > 0 ? "slides:\n" : "");
    for (int i = 1; i <= n; i++)
        fprintf(f, "  - {id: %s%d, title: \"%s %d\"}\n", prefix, i, name, i);
    for (int i = 1; i <= n_alert; i++)
        fprintf(f, "  - {id: %sA%d, title: \"Alert %d\", priority: alert}\n", prefix, i, i);
    fclose(f);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, NULL, &d);
    if (!pl || d.errors)
        bt_diags_print(&d, stderr);
    bt_diags_clear(&d);
    assert_non_null(pl);
    return pl;
}

/* The mix's slide ids joined with spaces, repeats marked with '*'. */
static const char *order(const bt_playlist *m)
{
    static char buf[4096];
    buf[0] = '\0';
    for (int i = 0; i < m->n_slides; i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%s%s", i ? " " : "", m->slides[i].id,
                 m->slides[i].repeat ? "*" : "");
    }
    return buf;
}

static void slots_follow_the_rule(void **state)
{
    (void)state;
    /* one office slot every 3 campaign slides, or one per office slide */
    assert_int_equal(bt_mix_slots(9, 3, 3), 3);
    assert_int_equal(bt_mix_slots(30, 3, 3), 10);
    assert_int_equal(bt_mix_slots(3, 9, 3), 9);
    assert_int_equal(bt_mix_slots(2, 1, 3), 1);
    assert_int_equal(bt_mix_slots(0, 4, 3), 4);
    assert_int_equal(bt_mix_slots(7, 0, 3), 0);
    assert_int_equal(bt_mix_slots(12, 1, 0), 4); /* 0: the default, 3 */
    const int after_9_3[] = {3, 6, 9}, after_3_9[] = {1, 1, 1, 2, 2, 2, 3, 3, 3};
    for (int s = 0; s < 3; s++)
        assert_int_equal(bt_mix_slot_after(s, 3, 9), after_9_3[s]);
    for (int s = 0; s < 9; s++)
        assert_int_equal(bt_mix_slot_after(s, 9, 3), after_3_9[s]);
    /* never past the last campaign slide, whatever the numbers */
    assert_int_equal(bt_mix_slot_after(1665, 1666, 5000), 5000);
}

static void office_every_three_campaign_slides(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 9, 0, NULL), *o = load("office", "o", 2, 0, NULL);
    bt_playlist *m = bt_mix_make(c, o, NULL);
    assert_non_null(m);
    assert_string_equal(order(m), "c1 c2 c3 o1 c4 c5 c6 o2 c7 c8 c9 o1*");
    bt_playlist_free(m);
    /* another rule: every 2; 9 / 2 = 4 slots, spread evenly (3, 2, 2, 2) */
    bt_mix_rule r = {2};
    m = bt_mix_make(c, o, &r);
    assert_string_equal(order(m), "c1 c2 c3 o1 c4 c5 o2 c6 c7 o1* c8 c9 o2*");
    bt_playlist_free(m);
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static void many_office_slides_spread_evenly(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 3, 0, NULL), *o = load("office", "o", 7, 0, NULL);
    bt_playlist *m = bt_mix_make(c, o, NULL);
    /* every office slide once: ceil(k*3/7) campaign slides before the k-th */
    assert_string_equal(order(m), "c1 o1 o2 c2 o3 o4 c3 o5 o6 o7");
    bt_playlist_free(m);
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static void alerts_of_both_interleave_in_the_loop(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 3, 1, NULL), *o = load("office", "o", 1, 1, NULL);
    bt_playlist *m = bt_mix_make(c, o, NULL);
    assert_string_equal(order(m), "c1 c2 c3 o1 cA1 oA1");
    /* the loop: each normal slide followed by an alert, the two taking turns */
    bt_loop l;
    uint64_t t = 0;
    bt_loop_init(&l, m, t, 0);
    char seq[512] = "";
    for (int k = 0; k < 8; k++) {
        size_t n = strlen(seq);
        snprintf(seq + n, sizeof seq - n, "%s%s", k ? " " : "", m->slides[l.current].id);
        t = bt_loop_slide_deadline(&l);
        bt_loop_advance(&l, t, 0);
    }
    assert_string_equal(seq, "c1 cA1 c2 oA1 c3 cA1 o1 oA1");
    bt_playlist_free(m);
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static void either_may_be_absent(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 2, 1, "theme: {header: \"SỞ TT&TT\"}");
    bt_playlist *o = load("office", "o", 2, 0, "theme: {header: \"UBND PHƯỜNG\"}");
    bt_playlist *m = bt_mix_make(c, NULL, NULL);
    assert_string_equal(order(m), "c1 c2 cA1");
    assert_string_equal(m->theme.header, "SỞ TT&TT"); /* alone: its own look */
    assert_string_equal(m->slides[0].origin, "campaign");
    bt_playlist_free(m);
    m = bt_mix_make(NULL, o, NULL);
    assert_string_equal(order(m), "o1 o2");
    assert_string_equal(m->theme.header, "UBND PHƯỜNG");
    bt_playlist_free(m);
    assert_null(bt_mix_make(NULL, NULL, NULL));
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static void the_look_is_the_offices(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 1, 0,
                          "theme: {header: \"SỞ\", background: \"#102030\"}\n"
                          "defaults: {duration: 20}\n"
                          "labels: {alert: \"KHẨN\", back: \"Trở lại\"}\n"
                          "touch: {enabled: true}");
    bt_playlist *o = load("office", "o", 1, 0,
                          "theme: {header: \"UBND\", background: \"#405060\"}\n"
                          "labels: {back: \"Về\"}\n"
                          "touch: {enabled: false}\n"
                          "display: {off_hours: \"21:00-06:00\"}");
    bt_playlist *m = bt_mix_make(c, o, NULL);
    assert_string_equal(m->theme.header, "UBND");
    assert_int_equal(m->theme.background.r, 0x40);
    assert_string_equal(m->name, "office");
    assert_false(m->touch_enabled);
    assert_true(m->off_hours.set);
    /* a label the office set wins; one it left as it was comes from the campaign */
    assert_string_equal(m->labels[BT_LABEL_BACK], "Về");
    assert_string_equal(m->labels[BT_LABEL_ALERT], "KHẨN");
    assert_string_equal(m->labels[BT_LABEL_HOME], bt_label_default(BT_LABEL_HOME));
    /* each slide keeps its own duration and says where it comes from */
    assert_int_equal(m->slides[0].duration_ms, 20000);
    assert_string_equal(m->slides[0].origin, "campaign");
    assert_string_equal(m->slides[1].origin, "office");
    bt_playlist_free(m);
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static void topics_merge_by_id(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 0, 0,
                          "topics:\n"
                          "  - {id: lua-dao, title: \"Lừa đảo\"}\n"
                          "  - {id: mat-khau, title: \"Mật khẩu\"}\n"
                          "tips:\n  items:\n    - {text: \"Mẹo 1\", topic: lua-dao}\n"
                          "    - {text: \"Mẹo 2\", topic: mat-khau}\n"
                          "slides:\n"
                          "  - {id: c1, title: \"a\", topic: lua-dao}\n"
                          "  - {id: c2, title: \"b\", topic: mat-khau}\n"
                          "  - {id: c3, title: \"c\", topic: mat-khau}\n"
                          "  - {id: c4, title: \"d\", topic: lua-dao}");
    bt_playlist *o = load("office", "o", 0, 0,
                          "topics:\n"
                          "  - {id: dia-phuong, title: \"Tin phường\"}\n"
                          "  - {id: mat-khau, title: \"Mật khẩu mạnh\"}\n"
                          "tips:\n  items:\n    - {text: \"Mẹo phường\", topic: dia-phuong}\n"
                          "slides:\n"
                          "  - {id: o1, title: \"x\", topic: dia-phuong}\n"
                          "  - {id: o2, title: \"y\", topic: mat-khau}");
    bt_playlist *m = bt_mix_make(c, o, NULL);
    assert_int_equal(m->n_topics, 3);
    assert_string_equal(m->topics[0].id, "lua-dao");
    assert_string_equal(m->topics[1].id, "mat-khau");
    assert_string_equal(m->topics[1].title, "Mật khẩu mạnh"); /* the office's words */
    assert_string_equal(m->topics[1].origin, "office");
    assert_string_equal(m->topics[0].origin, "campaign");
    assert_string_equal(m->topics[2].id, "dia-phuong");
    /* 4 campaign slides, 2 office ones: one after 2 campaign slides, one after 4 */
    assert_string_equal(order(m), "c1 c2 o1 c3 c4 o2");
    for (int i = 0; i < m->n_slides; i++)
        assert_string_equal(m->topics[m->slides[i].topic_index].id, m->slides[i].topic);
    assert_int_equal(m->n_tips, 3);
    assert_string_equal(m->tips[0].text, "Mẹo 1");
    assert_string_equal(m->tips[1].text, "Mẹo 2");
    assert_string_equal(m->tips[2].text, "Mẹo phường");
    assert_int_equal(m->tips[2].topic_index, 2);
    /* touch mode: the merged topic gathers the slides of both */
    bt_touch t;
    assert_true(bt_touch_init(&t, m));
    assert_int_equal(t.n_groups, 3);
    assert_int_equal(t.groups[1].topic, 1);
    assert_int_equal(t.groups[1].n_slides, 3);
    bt_touch_free(&t);
    bt_playlist_free(m);
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static void touch_lists_a_repeated_slide_once(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 12, 0, NULL), *o = load("office", "o", 1, 0, NULL);
    bt_playlist *m = bt_mix_make(c, o, NULL);
    assert_string_equal(order(m), "c1 c2 c3 o1 c4 c5 c6 o1* c7 c8 c9 o1* c10 c11 c12 o1*");
    bt_touch t;
    assert_true(bt_touch_init(&t, m));
    assert_int_equal(t.n_groups, 1); /* no topics: one group of every slide, once */
    assert_int_equal(t.groups[0].n_slides, 13);
    bt_touch_free(&t);
    bt_playlist_free(m);
    bt_playlist_free(c);
    bt_playlist_free(o);
}

/* The view shares its strings: freeing it leaves the two playlists whole
 * (an allocator or ASan would catch a double free here). */
static void the_view_frees_only_its_own(void **state)
{
    (void)state;
    bt_playlist *c = load("campaign", "c", 5, 1, "tips:\n  items: [\"a\", \"b\"]");
    bt_playlist *o = load("office", "o", 2, 0, "theme: {header: \"H\"}");
    for (int k = 0; k < 50; k++)
        bt_playlist_free(bt_mix_make(c, o, NULL));
    assert_string_equal(c->slides[0].title, "campaign 1");
    assert_string_equal(o->theme.header, "H");
    assert_string_equal(c->tips[1].text, "b");
    bt_playlist_free(c);
    bt_playlist_free(o);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bt-mix-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slots_follow_the_rule),
        cmocka_unit_test(office_every_three_campaign_slides),
        cmocka_unit_test(many_office_slides_spread_evenly),
        cmocka_unit_test(alerts_of_both_interleave_in_the_loop),
        cmocka_unit_test(either_may_be_absent),
        cmocka_unit_test(the_look_is_the_offices),
        cmocka_unit_test(topics_merge_by_id),
        cmocka_unit_test(touch_lists_a_repeated_slide_once),
        cmocka_unit_test(the_view_frees_only_its_own),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
