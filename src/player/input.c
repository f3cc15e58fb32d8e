/* input.c: events into what the visitor asks for (input.h). */
#include "input.h"

#include "model/touch_layout.h"

void bt_input_resize(bt_input_state *st, int canvas_w)
{
    bt_gesture_init(&st->gesture, canvas_w);
}

/* A point in window coordinates, on the upright canvas. */
static void to_canvas(const bt_scene *sc, SDL_Window *win, int x, int y, int *cx, int *cy)
{
    int ww, wh;
    SDL_GetWindowSize(win, &ww, &wh);
    bt_window_to_canvas(sc->rotate, ww, wh, sc->sc.w, sc->sc.h, x, y, cx, cy);
}

static void add(bt_intent *it, bt_input_kind kind, bt_target target, int index)
{
    if (it->n < 2)
        it->in[it->n++] = (bt_input){kind, target, index};
}

/* A finished gesture at canvas coordinates becomes a tap on a target or a
 * swipe, depending on what the screen shows. */
static void gesture_input(bt_intent *it, bt_gesture g, const bt_scene *sc, bt_view view)
{
    int index = 0;
    switch (g.kind) {
    case BT_GESTURE_NONE:
        return;
    case BT_GESTURE_SWIPE_LEFT:
        add(it, BT_INPUT_SWIPE_NEXT, BT_TARGET_NONE, 0);
        return;
    case BT_GESTURE_SWIPE_RIGHT:
        add(it, BT_INPUT_SWIPE_PREV, BT_TARGET_NONE, 0);
        return;
    case BT_GESTURE_TAP: {
        bt_target target = BT_TARGET_NONE;
        if (view == BT_VIEW_TOPICS)
            target = bt_topics_hit(&sc->tg, g.x, g.y, &index);
        else if (view == BT_VIEW_TOPIC)
            target = bt_page_hit(&sc->pg, g.x, g.y);
        add(it, BT_INPUT_TAP, target, index);
        return;
    }
    }
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

static void key(bt_intent *it, const SDL_KeyboardEvent *k, bt_view view, bool windowed)
{
    SDL_Keymod mod = SDL_GetModState();
    SDL_Keycode sym = k->keysym.sym;
    if (sym == SDLK_q && (mod & KMOD_CTRL) && (mod & KMOD_ALT)) {
        it->quit = true; /* the technicians' way out, also fullscreen */
        return;
    }
    if (sym == SDLK_ESCAPE && windowed && view == BT_VIEW_LOOP) {
        it->quit = true; /* a window is a developer's or a preview: Esc closes it */
        return;
    }
    /* Modifier keys alone are not a visitor asking for something. */
    if (sym == SDLK_LCTRL || sym == SDLK_RCTRL || sym == SDLK_LALT || sym == SDLK_RALT ||
        sym == SDLK_LSHIFT || sym == SDLK_RSHIFT || sym == SDLK_LGUI || sym == SDLK_RGUI)
        return;
    add(it, key_input(sym), BT_TARGET_NONE, 0);
}

/* A press, a move or a release of one pointer at window coordinates. */
static void pointer(bt_intent *it, bt_input_state *st, Uint32 type, int x, int y, int fingers,
                    const bt_scene *sc, SDL_Window *win, bt_view view, uint64_t now)
{
    int cx, cy;
    to_canvas(sc, win, x, y, &cx, &cy);
    if (type == SDL_MOUSEBUTTONDOWN || type == SDL_FINGERDOWN) {
        bt_gesture_down(&st->gesture, cx, cy, fingers, now);
        add(it, BT_INPUT_PRESS, BT_TARGET_NONE, 0);
    } else if (type == SDL_MOUSEBUTTONUP || type == SDL_FINGERUP) {
        bt_gesture g = bt_gesture_up(&st->gesture, cx, cy, now);
        add(it, BT_INPUT_RELEASE, BT_TARGET_NONE, 0);
        gesture_input(it, g, sc, view);
    } else {
        bt_gesture_move(&st->gesture, cx, cy);
    }
}

bt_intent bt_input_event(bt_input_state *st, const SDL_Event *ev, const bt_scene *sc,
                         SDL_Window *win, bt_view view, bool windowed, uint64_t now)
{
    bt_intent it = {.handled = true};
    switch (ev->type) {
    case SDL_KEYDOWN:
        key(&it, &ev->key, view, windowed);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        /* A touchscreen's tap also arrives as a mouse click: count it once. */
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            pointer(&it, st, ev->type, ev->button.x, ev->button.y, 1, sc, win, view, now);
        break;
    case SDL_MOUSEMOTION:
        if (ev->motion.which != SDL_TOUCH_MOUSEID)
            pointer(&it, st, ev->type, ev->motion.x, ev->motion.y, 1, sc, win, view, now);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: {
        int ww, wh;
        SDL_GetWindowSize(win, &ww, &wh);
        int fingers = ev->type == SDL_FINGERDOWN ? SDL_GetNumTouchFingers(ev->tfinger.touchId) : 1;
        pointer(&it, st, ev->type, (int)(ev->tfinger.x * ww), (int)(ev->tfinger.y * wh), fingers,
                sc, win, view, now);
        break;
    }
    case SDL_MOUSEWHEEL:
    case SDL_MULTIGESTURE:
    case SDL_DOLLARGESTURE:
    case SDL_TEXTINPUT:
    case SDL_KEYUP:
        break; /* nothing for a visitor to do with these */
    default:
        it.handled = false;
    }
    return it;
}

int bt_input_page_direction(bt_input in, const bt_touch *before, const bt_touch *after)
{
    if (!(before->view == BT_VIEW_TOPIC && after->view == BT_VIEW_TOPIC &&
          before->group == after->group))
        return 0;
    bool forward = in.kind == BT_INPUT_SWIPE_NEXT || in.kind == BT_INPUT_KEY_RIGHT ||
                   in.kind == BT_INPUT_KEY_DOWN || in.kind == BT_INPUT_KEY_ENTER ||
                   (in.kind == BT_INPUT_TAP && in.target == BT_TARGET_NEXT);
    return forward ? +1 : -1;
}
