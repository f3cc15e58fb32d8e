/* player_input.c: fingers, mouse and keys become inputs of the touch state
 * machine (touch.c), which alone decides what the screen shows. Nothing a
 * visitor does reaches the desktop: every key but the technicians' Ctrl+Alt+Q
 * (and Esc in a window) is the player's. */
#include "player_int.h"

#include "base/log.h"
#include "model/touch_layout.h"

/* A point in window coordinates, on the upright canvas. */
static void to_canvas(player *p, int x, int y, int *cx, int *cy)
{
    int ww, wh;
    SDL_GetWindowSize(p->win, &ww, &wh);
    bt_window_to_canvas(p->cfg->rotate, ww, wh, p->sc.w, p->sc.h, x, y, cx, cy);
}

static void finger_to_window(player *p, float fx, float fy, int *x, int *y)
{
    int ww, wh;
    SDL_GetWindowSize(p->win, &ww, &wh);
    *x = (int)(fx * ww);
    *y = (int)(fy * wh);
}

void bt_player_touch(player *p, bt_input in, uint64_t now)
{
    if (!p->pl->touch_enabled)
        return;
    bt_touch before = p->touch;
    if (!bt_touch_input(&p->touch, in, now))
        return;
    const bt_touch *t = &p->touch;
    /* A page turn within a topic slides; any other change fades. */
    int dir = 0;
    if (before.view == BT_VIEW_TOPIC && t->view == BT_VIEW_TOPIC && before.group == t->group) {
        bool forward = in.kind == BT_INPUT_SWIPE_NEXT || in.kind == BT_INPUT_KEY_RIGHT ||
                       in.kind == BT_INPUT_KEY_DOWN || in.kind == BT_INPUT_KEY_ENTER ||
                       (in.kind == BT_INPUT_TAP && in.target == BT_TARGET_NEXT);
        dir = forward ? +1 : -1;
    }
    bt_player_begin_change(p, &before, dir, now);
    if (before.view != t->view || before.group != t->group)
        bt_player_log_shown(p, now); /* proof of play: a topic opened, or the loop left */
    if (t->view == BT_VIEW_TOPIC && (before.view != BT_VIEW_TOPIC || before.group != t->group)) {
        p->page_tip_i = 0;
        p->page_tip_at = now;
        const bt_group *g = &t->groups[t->group];
        bt_log(BT_LOG_DEBUG, "touch: topic %s",
               g->topic >= 0 ? p->pl->topics[g->topic].id : "other");
    }
    if (t->view == BT_VIEW_TOPICS && before.view != BT_VIEW_TOPICS) {
        for (int i = 0; i < p->tg.n_tiles; i++) {
            bt_rect r = p->tg.tiles[i];
            bt_log(BT_LOG_DEBUG, "touch: topics screen: tile %d at %d,%d %dx%d", i, r.x, r.y, r.w, r.h);
        }
    }
    if (t->view == BT_VIEW_LOOP) {
        /* Back to the loop where it left off, the slide given its full time. */
        p->loop.shown_at = now;
        bt_log(BT_LOG_DEBUG, "touch: back to the loop");
    }
    bt_player_paint_touch(p);
}

/* A finished gesture at canvas coordinates becomes a tap on a target or a
 * swipe, depending on what the screen shows. */
static void on_gesture(player *p, bt_gesture g, uint64_t now)
{
    bt_input in = {BT_INPUT_TAP, BT_TARGET_NONE, 0};
    switch (g.kind) {
    case BT_GESTURE_NONE:
        return;
    case BT_GESTURE_SWIPE_LEFT:
        in.kind = BT_INPUT_SWIPE_NEXT;
        break;
    case BT_GESTURE_SWIPE_RIGHT:
        in.kind = BT_INPUT_SWIPE_PREV;
        break;
    case BT_GESTURE_TAP:
        if (p->touch.view == BT_VIEW_TOPICS)
            in.target = bt_topics_hit(&p->tg, g.x, g.y, &in.index);
        else if (p->touch.view == BT_VIEW_TOPIC)
            in.target = bt_page_hit(&p->pg, g.x, g.y);
        break;
    }
    bt_player_touch(p, in, now);
}

static void press(player *p, int x, int y, int fingers, uint64_t now)
{
    int cx, cy;
    to_canvas(p, x, y, &cx, &cy);
    bt_gesture_down(&p->gesture, cx, cy, fingers, now);
    bt_touch_input(&p->touch, (bt_input){BT_INPUT_PRESS, BT_TARGET_NONE, 0}, now);
}

static void release(player *p, int x, int y, uint64_t now)
{
    int cx, cy;
    to_canvas(p, x, y, &cx, &cy);
    bt_gesture g = bt_gesture_up(&p->gesture, cx, cy, now);
    bt_touch_input(&p->touch, (bt_input){BT_INPUT_RELEASE, BT_TARGET_NONE, 0}, now);
    on_gesture(p, g, now);
}

static void motion(player *p, int x, int y)
{
    int cx, cy;
    to_canvas(p, x, y, &cx, &cy);
    bt_gesture_move(&p->gesture, cx, cy);
}

static bt_input_kind key_input(SDL_Keycode k)
{
    switch (k) {
    case SDLK_LEFT:
        return BT_INPUT_KEY_LEFT;
    case SDLK_RIGHT:
        return BT_INPUT_KEY_RIGHT;
    case SDLK_UP:
        return BT_INPUT_KEY_UP;
    case SDLK_DOWN:
        return BT_INPUT_KEY_DOWN;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return BT_INPUT_KEY_ENTER;
    case SDLK_BACKSPACE:
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        return BT_INPUT_KEY_BACK;
    default:
        return BT_INPUT_KEY_OTHER;
    }
}

static void on_key(player *p, const SDL_KeyboardEvent *k, uint64_t now)
{
    SDL_Keymod mod = SDL_GetModState();
    SDL_Keycode sym = k->keysym.sym;
    if (sym == SDLK_q && (mod & KMOD_CTRL) && (mod & KMOD_ALT)) {
        p->quit = true; /* the technicians' way out, also fullscreen */
        return;
    }
    if (sym == SDLK_ESCAPE && p->cfg->windowed && p->touch.view == BT_VIEW_LOOP) {
        p->quit = true; /* a window is a developer's or a preview: Esc closes it */
        return;
    }
    /* Modifier keys alone are not a visitor asking for something. */
    if (sym == SDLK_LCTRL || sym == SDLK_RCTRL || sym == SDLK_LALT || sym == SDLK_RALT ||
        sym == SDLK_LSHIFT || sym == SDLK_RSHIFT || sym == SDLK_LGUI || sym == SDLK_RGUI)
        return;
    bt_player_touch(p, (bt_input){key_input(sym), BT_TARGET_NONE, 0}, now);
}

bool bt_player_input(player *p, const SDL_Event *ev)
{
    uint64_t now = SDL_GetTicks64();
    switch (ev->type) {
    case SDL_KEYDOWN:
        on_key(p, &ev->key, now);
        return true;
    case SDL_MOUSEBUTTONDOWN:
        /* A touchscreen's tap also arrives as a mouse click: count it once. */
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            press(p, ev->button.x, ev->button.y, 1, now);
        return true;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            release(p, ev->button.x, ev->button.y, now);
        return true;
    case SDL_MOUSEMOTION:
        if (ev->motion.which != SDL_TOUCH_MOUSEID)
            motion(p, ev->motion.x, ev->motion.y);
        return true;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: {
        int x, y;
        finger_to_window(p, ev->tfinger.x, ev->tfinger.y, &x, &y);
        if (ev->type == SDL_FINGERDOWN)
            press(p, x, y, SDL_GetNumTouchFingers(ev->tfinger.touchId), now);
        else if (ev->type == SDL_FINGERUP)
            release(p, x, y, now);
        else
            motion(p, x, y);
        return true;
    }
    case SDL_MOUSEWHEEL:
    case SDL_MULTIGESTURE:
    case SDL_DOLLARGESTURE:
    case SDL_TEXTINPUT:
    case SDL_KEYUP:
        return true; /* nothing for a visitor to do with these */
    }
    return false;
}
