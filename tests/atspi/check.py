#!/usr/bin/python3
"""Walk Continuum's accessibility tree with the real AT-SPI client and check it.

Run through tests/atspi/run.sh, which starts the program under Xvfb with a D-Bus session and the
AT-SPI bus (IsEnabled true). Needs the system python with python3-gi and gir1.2-atspi-2.0.

    check.py [--wait SECONDS] [--app NAME] [--dump] [--interact] [--sample FILE]

Checks (a)-(e) FAIL (exit status 1); (f), (g) only WARN. Each prints PASS/FAIL/WARN and the
offending nodes as a path of role "name" steps from the application.

  a  window-name       the frame has a name containing "Continuum" (the window title)
  b  focusable-named   no focusable node has an empty name
  c  transcript-text   the open transcript is reachable as one text: a node with the Text interface
                       (or a document role: its text, or failing that the text of its descendants)
                       holding a sentence from the transcript's last turn (not on the first screen),
                       a sentence from its first turn, and every speaker of that transcript
  d  marker-position   every node named "Marker..." says where it sits in its name or description:
                       a decimal position (0.08) and "near <anchor>" with an anchor of the continuum
  e  combo-value       every combo box exposes its current item (in its name, description, Text or
                       Value); for the sample's "Lanes by" combo the item must be "case"
  f  duplicate-names   (WARN) sibling panels/separators/landmarks/headings sharing one name
  g  menu-shortcuts    (WARN) menu items whose name has the shortcut glued on ("Open…Ctrl+O");
                       the menus are opened one by one with their click action to see the items
"""

import argparse
import os
import warnings
import re
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# Atspi.Action.get_action_name is marked deprecated in 2.46 for get_name, which is not there yet.
warnings.filterwarnings("ignore", category=DeprecationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SAMPLE = os.path.normpath(os.path.join(HERE, "..", "..", "sample_projects", "care-settings.continuum"))

# Roles whose nodes structure the window (for the duplicate-name warning).
STRUCTURE_ROLES = {"panel", "separator", "landmark", "section", "heading", "scroll pane", "filler",
                   "tool bar", "status bar", "page tab list"}
DOCUMENT_ROLES = {"document frame", "document web", "document text", "document email",
                  "document presentation", "document spreadsheet"}
MENU_ITEM_ROLES = {"menu item", "check menu item", "radio menu item"}
SHORTCUT_RE = re.compile(r"(?:\b(?:Ctrl|Control|Shift|Alt|Cmd|Command|Super|Meta)\s*\+|[⌘⌥⇧⌃]\s*\S|\bF\d{1,2}\s*$)")


# --------------------------------------------------------------------------- the sample project
def ron_string(src, i):
    """Parse a RON string starting at src[i] (a quote or r#"), return (value, index after it)."""
    if src.startswith("r", i):
        j = i + 1
        hashes = 0
        while src[j] == "#":
            hashes += 1
            j += 1
        assert src[j] == '"'
        end = src.index('"' + "#" * hashes, j + 1)
        return src[j + 1:end], end + 1 + hashes
    assert src[i] == '"', src[i:i + 20]
    out = []
    j = i + 1
    while True:
        c = src[j]
        if c == '"':
            return "".join(out), j + 1
        if c == "\\":
            n = src[j + 1]
            if n == "u":
                close = src.index("}", j)
                out.append(chr(int(src[j + 3:close], 16)))
                j = close + 1
                continue
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(n, n))
            j += 2
            continue
        out.append(c)
        j += 1


def load_sample(path):
    """The sample's transcripts (name, text, speakers in order) and anchor names."""
    src = open(path, encoding="utf-8").read()
    anchors = [ron_string(src, m.end() - 1)[0]
               for m in re.finditer(r'\n        name: "', src[:src.index("\n  cases:")])]
    start = src.index("\n  transcripts: [")
    end = src.index("\n  excerpts: [", start)
    section = src[start:end]
    transcripts = []
    for block in re.split(r"\n    \(\n      id: ", section)[1:]:
        name = ron_string(block, block.index('name: "') + 6)[0]
        text = ron_string(block, block.index('\n      text: ') + 13)[0]
        speakers = [ron_string(block, m.end() - 1)[0] for m in re.finditer(r'speaker: "', block)]
        transcripts.append({"name": name, "text": text, "speakers": speakers})
    return transcripts, anchors


def sentences(paragraph):
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", paragraph) if len(s.strip()) >= 25]


def norm(text):
    """Collapse whitespace (soft wraps, line breaks between runs) and unify apostrophes."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u00a0", " ")).strip()


# --------------------------------------------------------------------------- walking the tree
class Node:
    __slots__ = ("acc", "path", "parent", "role", "name", "description", "states", "actions",
                 "interfaces", "value", "text", "child_count", "children", "attrs", "extents")

    def label(self):
        return f'{self.role} "{self.name}"' if self.name else self.role

    def path_str(self):
        return " > ".join(self.path)


def safe(f, default=None):
    try:
        return f()
    except GLib.Error:
        return default
    except Exception:  # noqa: BLE001 - a defunct node must not stop the walk
        return default


def read_node(acc, parent, depth_path):
    n = Node()
    n.acc = acc
    n.parent = parent
    n.role = safe(acc.get_role_name, "?")
    n.name = safe(acc.get_name, "") or ""
    n.description = safe(acc.get_description, "") or ""
    ss = safe(acc.get_state_set)
    n.states = sorted(Atspi.StateType(s).value_nick for s in ss.get_states()) if ss else []
    n.interfaces = sorted(safe(acc.get_interfaces, []) or [])
    n.actions = []
    if "Action" in n.interfaces:
        for i in range(safe(lambda: Atspi.Action.get_n_actions(acc), 0) or 0):
            n.actions.append(safe(lambda: Atspi.Action.get_action_name(acc, i), "?"))
    n.value = None
    if "Value" in n.interfaces:
        n.value = tuple(safe(lambda: f(acc)) for f in (Atspi.Value.get_current_value,
                                                        Atspi.Value.get_minimum_value,
                                                        Atspi.Value.get_maximum_value))
    n.text = None
    if "Text" in n.interfaces:
        count = safe(lambda: Atspi.Text.get_character_count(acc), 0) or 0
        n.text = safe(lambda: Atspi.Text.get_text(acc, 0, count), "") or ""
    n.attrs = safe(acc.get_attributes, {}) or {}
    n.child_count = safe(acc.get_child_count, 0) or 0
    n.path = depth_path + [n.label()]
    n.children = []
    return n


def walk(acc, parent=None, path=None, out=None, depth=0):
    out = [] if out is None else out
    node = read_node(acc, parent, path or [])
    out.append(node)
    if depth > 60:
        return out
    for i in range(node.child_count):
        child = safe(lambda: acc.get_child_at_index(i))
        if child is None:
            continue
        before = len(out)
        walk(child, node, node.path, out, depth + 1)
        node.children.append(out[before])
    return out


def find_app(name):
    desktop = Atspi.get_desktop(0)
    for i in range(safe(desktop.get_child_count, 0) or 0):
        app = safe(lambda: desktop.get_child_at_index(i))
        if app is not None and (safe(app.get_name, "") or "") == name:
            return app
    return None


def wait_for_app(name, timeout):
    """Wait until the app is on the desktop with a populated frame and its tree stops growing."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        app = find_app(name)
        if app is not None and (safe(app.get_child_count, 0) or 0) > 0:
            frame = safe(lambda: app.get_child_at_index(0))
            if frame is not None and (safe(frame.get_child_count, 0) or 0) > 0:
                count = len(walk(app))
                if count == last:
                    return app
                last = count
        time.sleep(0.7)
    return None


def dump(nodes, out=sys.stdout):
    for n in nodes:
        depth = len(n.path) - 1
        bits = [n.role, repr(n.name)]
        if n.description:
            bits.append(f"desc={n.description!r}")
        st = [s for s in n.states if s not in ("enabled", "sensitive", "visible", "showing")]
        if st:
            bits.append("states=" + ",".join(st))
        if n.actions:
            bits.append("actions=" + ",".join(n.actions))
        ifaces = [i for i in n.interfaces if i not in ("Accessible", "Component", "Action")]
        if ifaces:
            bits.append("ifaces=" + ",".join(ifaces))
        if n.value is not None:
            bits.append("value=%s [%s..%s]" % n.value)
        if n.text is not None:
            t = n.text if len(n.text) < 120 else n.text[:80] + f"…({len(n.text)} chars)"
            bits.append(f"text={t!r}")
        if n.attrs:
            bits.append(f"attrs={n.attrs}")
        if n.child_count:
            bits.append(f"children={n.child_count}")
        print("  " * depth + " ".join(bits), file=out)


# --------------------------------------------------------------------------- the checks
class Report:
    def __init__(self):
        self.failed = 0
        self.warned = 0

    def result(self, key, title, ok, problems, warn_only=False, note=""):
        status = "PASS" if ok else ("WARN" if warn_only else "FAIL")
        if not ok:
            if warn_only:
                self.warned += 1
            else:
                self.failed += 1
        print(f"{status} ({key}) {title}" + (f" — {note}" if note else ""))
        shown = problems if len(problems) <= 12 else problems[:10]
        for p in shown:
            print(f"    {p}")
        if len(shown) < len(problems):
            print(f"    … and {len(problems) - len(shown)} more like these")


def check_window_name(nodes, rep):
    frames = [n for n in nodes if n.role in ("frame", "window", "dialog") and len(n.path) == 2]
    if not frames:
        rep.result("a", "window has a name containing \"Continuum\"", False, ["no frame under the application"])
        return
    bad = [f"{n.path_str()}  (name {n.name!r})" for n in frames if "Continuum" not in n.name]
    rep.result("a", "window has a name containing \"Continuum\"", not bad, bad)


def check_focusable_named(nodes, rep):
    bad = [f"{n.path_str()}  states={','.join(n.states)}" for n in nodes
           if "focusable" in n.states and not n.name.strip()]
    total = sum("focusable" in n.states for n in nodes)
    rep.result("b", "every focusable node has a name", not bad, bad,
               note=f"{total} focusable, {len(bad)} unnamed")


def document_text(n):
    """Text a screen reader can read as one document from node n."""
    if n.text:
        return n.text
    if n.role in DOCUMENT_ROLES:
        parts = []

        def collect(m):
            if m.text:
                parts.append(m.text)
            else:
                if m.name:
                    parts.append(m.name)
                for c in m.children:
                    collect(c)
        for c in n.children:
            collect(c)
        return "\n".join(parts)
    return ""


def check_transcript_text(nodes, rep, transcripts):
    title = "the open transcript's whole text with speakers is reachable"
    if not transcripts:
        rep.result("c", title, False, ["sample project not readable: cannot know the transcript text"])
        return
    candidates = [(n, norm(document_text(n))) for n in nodes if n.text or n.role in DOCUMENT_ROLES]
    best = None  # (score, problems) of the closest transcript/node, for the report
    for tr in transcripts:
        paragraphs = [p for p in tr["text"].split("\n") if p.strip()]
        last = sentences(paragraphs[-1])[-1]
        first = sentences(paragraphs[0])[0] if sentences(paragraphs[0]) else norm(paragraphs[0])
        speakers = sorted(set(tr["speakers"]))
        for n, text in candidates:
            missing = []
            if norm(last) not in text:
                missing.append(f"last-turn sentence {last!r}")
            if norm(first) not in text:
                missing.append(f"first-turn sentence {first!r}")
            missing += [f"speaker {s!r}" for s in speakers if s not in text]
            if not missing:
                rep.result("c", title, True, [],
                           note=f'"{tr["name"]}" in {n.path_str()} ({len(text)} chars)')
                return n
            score = 2 - sum(m.startswith(("last-turn", "first-turn")) for m in missing)
            if score and (best is None or score > best[0]):
                best = (score, [f"closest: {n.path_str()} text {text[:100]!r}… lacks " + "; ".join(missing)])
    # Where does the text live today? Show nodes whose name carries a sentence of some transcript.
    hints = []
    all_sentences = {norm(s): tr["name"] for tr in transcripts for p in tr["text"].split("\n") for s in sentences(p)}
    for n in nodes:
        nn = norm(n.name)
        if any(s in nn for s in all_sentences) and len(hints) < 3:
            hints.append(f"transcript text only as a name: {n.path_str()[:160]}")
    named_turns = sum(any(s in norm(n.name) for s in all_sentences) for n in nodes)
    problems = (best[1] if best else [f"none of the {len(candidates)} nodes with the Text interface or a document "
                                      "role holds a sentence of a sample transcript"])
    problems += hints
    for n in nodes:
        if n.role in DOCUMENT_ROLES:
            problems.append(f"document node {n.path_str()}: interfaces {','.join(n.interfaces)}, "
                            f"{n.child_count} children, text {len(document_text(n))} chars")
    if named_turns:
        problems.append(f"{named_turns} nodes carry transcript sentences in their name (turns on screen only?)")
    rep.result("c", title, False, problems)
    return None


def check_markers(nodes, rep, anchors):
    title = "map markers say their position and nearest anchor"
    markers = [n for n in nodes if re.match(r"Marker\b", n.name)]
    if not markers:
        rep.result("d", title, False, ["no node named \"Marker…\" in the tree"])
        return
    anchor_re = "|".join(re.escape(a) for a in anchors) if anchors else r"\w+"
    # "near" in any case, the anchor as the project spells it (so an excerpt label such as
    # "Near the family end" does not count)
    near = re.compile(rf"\b[Nn]ear(?:est)?(?: anchor)?:?\s+(?:the\s+)?(?:{anchor_re})\b")
    number = re.compile(r"(?<![\w.])[01]?[.,]\d{1,3}(?![\w.])")
    bad = []
    for n in markers:
        said = f"{n.name} {n.description}"
        lacks = [w for w, ok in (("position", number.search(said)), ("near <anchor>", near.search(said))) if not ok]
        if lacks:
            bad.append(f"{n.path_str()}  desc={n.description!r}: lacks {' and '.join(lacks)}")
    rep.result("d", title, not bad, bad, note=f"{len(markers)} markers")


# What the sample's combo boxes show when the program starts on it with fresh settings.
SAMPLE_COMBOS = {"Lanes by": r"\bcase\b", "Annotator": r"\bAnna Holm\b",
                 "Case": r"\ball\b", "Role": r"\ball\b", "Code": r"\ball\b"}


def check_combos(nodes, rep):
    """The value must be in the name (after the label) or in the Text/Value interface: the
    description is the tooltip, read late or not at all, and AccessKit's string `value` is not
    exposed over AT-SPI for a combo box (only a Role::Label's value becomes its name)."""
    title = "combo boxes expose their current value"
    combos = [n for n in nodes if n.role == "combo box"]
    if not combos:
        rep.result("e", title, False, ["no combo box in the tree (the sample shows \"Lanes by\")"])
        return
    bad = []
    lanes_seen = False
    for n in combos:
        label = next((k for k in SAMPLE_COMBOS if n.name.startswith(k)), None)
        rest = n.name[len(label):] if label else n.name
        exposed = " ".join(x for x in (rest, n.text or "", "" if n.value is None else str(n.value[0])) if x)
        if label:
            lanes_seen |= label == "Lanes by"
            if not re.search(SAMPLE_COMBOS[label], exposed, re.I):
                want = SAMPLE_COMBOS[label].replace("\\b", "")
                bad.append(f"{n.path_str()}  text={n.text!r}: does not say {want!r}")
            continue
        # Another combo: its name must read "Label: value" (or "Label, value"), or Text/Value must
        # carry the value.
        if not (re.search(r"[:,]\s*\S", n.name.rstrip(":").strip()) or (n.text or "").strip()
                or n.value is not None):
            bad.append(f"{n.path_str()}  text={n.text!r}: no value")
    if not lanes_seen:
        bad.append("no combo box named \"Lanes by…\"")
    rep.result("e", title, not bad, bad, note=f"{len(combos)} combo boxes")


def check_duplicates(nodes, rep):
    title = "sibling panels/separators have distinct names"
    bad = []
    for n in nodes:
        seen = {}
        for c in n.children:
            if c.role in STRUCTURE_ROLES and c.name.strip():
                seen.setdefault((c.name.strip()), []).append(c)
        for name, group in seen.items():
            if len(group) > 1:
                bad.append(f"{len(group)}× {name!r} under {n.path_str()}  ({', '.join(sorted({g.role for g in group}))})")
    unnamed = [n for n in nodes if n.role in ("panel", "landmark") and not n.name.strip() and len(n.path) == 3]
    note = f"{len(unnamed)} top-level panels have no name" if unnamed else ""
    rep.result("f", title, not bad, bad, warn_only=True, note=note)


def menu_bar_buttons(nodes):
    """The buttons of the menu bar: clickable children of the first menu/menu bar node."""
    for n in nodes:
        if n.role in ("menu bar", "menu"):
            buttons = [c for c in n.children if "click" in c.actions]
            if buttons:
                return buttons
    return []


def menu_items(nodes, bar):
    """Items of open menus: menu item roles, or clickable nodes inside a menu (egui's menu items
    are buttons inside a menu node), leaving out the menu bar's own buttons."""
    skip = {b.path_str() for b in bar}
    return [n for n in nodes if n.path_str() not in skip
            and (n.role in MENU_ITEM_ROLES or (n.parent is not None and n.parent.role == "menu"
                                               and "click" in n.actions))]


def open_menus_and_collect(app, bar):
    """Open each menu of the menu bar (click action), collect its items, close it again."""
    items, opened = [], 0
    for m in bar:
        if not safe(lambda: Atspi.Action.do_action(m.acc, 0), False):
            continue
        opened += 1
        time.sleep(0.5)
        items += menu_items(walk(app), bar)
        safe(lambda: Atspi.Action.do_action(m.acc, 0), False)  # toggle it closed
        time.sleep(0.3)
    return items, opened


def check_menu_items(app, nodes, rep, open_menus):
    title = "menu item names carry no glued-on shortcut"
    bar = menu_bar_buttons(nodes)
    items = menu_items(nodes, bar)
    note = ""
    if open_menus:
        more, opened = open_menus_and_collect(app, bar)
        items += more
        note = f"{opened} of {len(bar)} menus opened, "
    seen, uniq = set(), []
    for n in items:
        if n.path_str() not in seen:
            seen.add(n.path_str())
            uniq.append(n)
    roles = sorted({n.role for n in uniq})
    bad = [f"{n.path_str()}" for n in uniq if SHORTCUT_RE.search(n.name)]
    rep.result("g", title, not bad, bad, warn_only=True,
               note=note + f"{len(uniq)} menu items seen, roles: {', '.join(roles) or '-'}")


# --------------------------------------------------------------------------- interaction
def focus_x_window():
    """Give the program's X window the input focus. Under a bare Xvfb no window manager does, and
    AccessKit reports FOCUSED only while the host window is focused (accesskit_consumer
    TreeState::focus_id)."""
    import ctypes
    import ctypes.util
    xlib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                ctypes.POINTER(ctypes.c_uint)]
    xlib.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
    xlib.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = xlib.XOpenDisplay(None)
    if not dpy:
        return False
    root = xlib.XDefaultRootWindow(dpy)
    r, p, kids, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    xlib.XQueryTree(dpy, root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n))
    if n.value == 0:
        xlib.XCloseDisplay(dpy)
        return False
    win = kids[n.value - 1]  # the topmost top-level window: the program's, the only client
    xlib.XRaiseWindow(dpy, win)
    xlib.XSetInputFocus(dpy, win, 2, 0)  # RevertToParent, CurrentTime
    xlib.XFlush(dpy)
    xlib.XCloseDisplay(dpy)
    return True


def interact(target):
    """Focus the transcript found by check (c) and move the caret / set a selection through the
    AT-SPI Text interface, as a screen reader user making an excerpt would."""
    print("-- interaction (--interact)")
    if target is None or "Text" not in target.interfaces:
        print("FAIL (i) no transcript node with the Text interface to interact with (see check c)")
        return 1
    acc = target.acc
    ok = True
    print(f"-- X input focus given to the window: {focus_x_window()}")
    time.sleep(0.5)
    if "Component" in target.interfaces:
        returned = safe(lambda: Atspi.Component.grab_focus(acc), False)
        time.sleep(0.5)
        st = safe(acc.get_state_set)
        is_focused = bool(st and st.contains(Atspi.StateType.FOCUSED))
        print(f"{'PASS' if is_focused else 'FAIL'} (i1) grab_focus on {target.path_str()} -> "
              f"returned {returned}, FOCUSED={is_focused}")
        ok &= is_focused
    count = safe(lambda: Atspi.Text.get_character_count(acc), 0) or 0
    # A caret in the transcript's own words: the document also says things that are not in the
    # text (a speaker's name, "[end of excerpt]"), where a caret moves on to the next word.
    whole = safe(lambda: Atspi.Text.get_text(acc, 0, count), "") or ""
    off = whole.find(" ", count // 2) + 1 or count // 2
    returned = safe(lambda: Atspi.Text.set_caret_offset(acc, off), False)
    time.sleep(0.5)
    caret = safe(lambda: Atspi.Text.get_caret_offset(acc), -1)
    print(f"{'PASS' if caret == off else 'FAIL'} (i2) set_caret_offset({off}) returned {returned} -> caret {caret}")
    ok &= caret == off
    if safe(lambda: Atspi.Text.get_n_selections(acc), 0):
        returned = safe(lambda: Atspi.Text.set_selection(acc, 0, off, off + 20), False)
    else:
        returned = safe(lambda: Atspi.Text.add_selection(acc, off, off + 20), False)
    time.sleep(0.5)
    r = safe(lambda: Atspi.Text.get_selection(acc, 0))
    sel = (r.start_offset, r.end_offset) if r else None
    print(f"{'PASS' if sel == (off, off + 20) else 'FAIL'} (i3) select {off}..{off + 20} "
          f"returned {returned} -> selection {sel}")
    ok &= sel == (off, off + 20)
    return 0 if ok else 1


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--app", default="continuum", help="application name on the AT-SPI desktop")
    ap.add_argument("--wait", type=float, default=0, help="wait up to this many seconds for the app")
    ap.add_argument("--dump", action="store_true", help="print the whole tree")
    ap.add_argument("--interact", action="store_true", help="also focus the transcript and set caret/selection")
    ap.add_argument("--no-menus", action="store_true", help="do not open menus for check (g)")
    ap.add_argument("--sample", default=DEFAULT_SAMPLE, help="the sample project the app shows")
    args = ap.parse_args()

    Atspi.set_timeout(3000, -1)
    started = time.monotonic()
    app = wait_for_app(args.app, args.wait) if args.wait else find_app(args.app)
    if app is None:
        desktop = Atspi.get_desktop(0)
        names = [safe(lambda: desktop.get_child_at_index(i).get_name(), "?")
                 for i in range(safe(desktop.get_child_count, 0) or 0)]
        print(f"FAIL application {args.app!r} not on the AT-SPI desktop (apps: {names})")
        return 2
    print(f"-- {args.app} found on the AT-SPI desktop after {time.monotonic() - started:.1f} s")
    nodes = walk(app)
    roles = {}
    for n in nodes:
        roles[n.role] = roles.get(n.role, 0) + 1
    print(f"-- {len(nodes)} nodes: " + ", ".join(f"{r} {c}" for r, c in sorted(roles.items(), key=lambda x: -x[1])))
    if args.dump:
        dump(nodes)
    try:
        transcripts, anchors = load_sample(args.sample)
    except (OSError, ValueError, AssertionError, IndexError) as e:
        print(f"-- cannot read the sample project {args.sample}: {e}")
        transcripts, anchors = [], []

    rep = Report()
    check_window_name(nodes, rep)
    check_focusable_named(nodes, rep)
    transcript = check_transcript_text(nodes, rep, transcripts)
    check_markers(nodes, rep, anchors)
    check_combos(nodes, rep)
    check_duplicates(nodes, rep)
    check_menu_items(app, nodes, rep, not args.no_menus)
    status = 1 if rep.failed else 0
    if args.interact:
        status |= interact(transcript)
    print(f"-- {rep.failed} failed, {rep.warned} warnings" + (" (exit 1)" if status else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
