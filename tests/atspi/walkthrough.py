#!/usr/bin/python3
"""Issue 17's "Done when", end to end, with the real AT-SPI client and the keyboard only.

"A blind researcher could, through AT-SPI and the keyboard alone, open a transcript, read it
whole with speakers, make an excerpt, place and move it, hear where every marker sits, and save."

Run through run.sh on a copy of a project (the copy is saved; the original is never touched):

    ATSPI_SCRIPT=tests/atspi/walkthrough.py ATSPI_PROJECT=sample_projects/care-settings.continuum \\
        tests/atspi/run.sh [BINARY]

    walkthrough.py [--wait SECONDS] [--app NAME] [--keys atspi|xdotool]
                   [--project COPY] [--original FILE]

Focus is moved the way a screen reader moves it (AT-SPI Component.grab_focus), the selection is
set the way a screen reader sets it (AT-SPI Text.set_selection), everything else is keys: by
default synthesised by AT-SPI itself (Atspi.generate_keyboard_event, XTest in the registry
daemon), or by xdotool with --keys xdotool. Each step prints PASS/FAIL and what it saw; the exit
status is 1 if any step failed, 2 if the program never appeared.

Steps: 1 window found, named with the file, X focus; 2 the second interview opened (focus its
entry, Space); 3 its whole text, every turn after "Speaker: "; 4 words selected, Ctrl+E, an
"[Excerpt: …]" mark before them and "Unsaved changes"; 5 key 2 places it "0.33, near Friend";
6 Escape (out of the text), Right Right moves it to 0.35 (if not: 6b Shift+Tab to its marker,
then Right Right); 7 every marker says its position and anchor; 8 Ctrl+S, "All changes
saved", and the saved file holds the new excerpt, placed at 0.35.
"""

import argparse
import ctypes
import ctypes.util
import os
import re
import subprocess
import sys
import time
from collections import Counter

sys.dont_write_bytecode = True  # no __pycache__ in the repo from importing check.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import (DEFAULT_SAMPLE, Atspi, norm, ron_string, safe, sentences,  # noqa: E402
                   focus_x_window, wait_for_app, walk)

STEP_TIMEOUT = 4.0  # seconds to wait for the tree to show what a key did
EXCERPT_MARK = re.compile(r"\[Excerpt: [^\]]*\] ?|\[end of excerpt\] ?")


# --------------------------------------------------------------------------- the project file
def section(src, name, following):
    start = src.index(f"\n  {name}: [")
    end = src.index(f"\n  {following}: [", start) if following else len(src)
    return src[start:end]


def load_project(path):
    """Anchors, transcripts (id, name, text, turns) and excerpts (id, transcript, start, end)."""
    src = open(path, encoding="utf-8").read()
    cont = src[src.index("\n  continuum: ("):src.index("\n  cases: [")]
    anchors = [ron_string(cont, m.end() - 1)[0] for m in re.finditer(r'\n        name: "', cont)]
    transcripts = []
    for block in re.split(r"\n    \(\n      id: ", section(src, "transcripts", "excerpts"))[1:]:
        tid = int(block[:block.index(",")])
        name = ron_string(block, block.index('name: "') + 6)[0]
        text = ron_string(block, block.index("\n      text: ") + 13)[0]
        turns = []
        for m in re.finditer(r"start: (\d+),\s*end: (\d+),\s*speaker: ", block):
            turns.append((int(m.group(1)), int(m.group(2)), ron_string(block, m.end())[0]))
        transcripts.append({"id": tid, "name": name, "text": text, "turns": turns})
    excerpts = []
    for block in re.split(r"\n    \(\n      id: ", section(src, "excerpts", "annotators"))[1:]:
        ex = {"id": int(block[:block.index(",")])}
        for key in ("transcript", "start", "end"):
            ex[key] = int(re.search(rf"\n      {key}: (\d+),", block).group(1))
        m = re.search(r'\n      label: ', block)
        ex["label"] = ron_string(block, m.end())[0] if m else ""
        excerpts.append(ex)
    # placements: (annotator name, excerpt id) -> position
    placements = {}
    for block in re.split(r"\n    \(\n      id: ", section(src, "annotators", None))[1:]:
        who = ron_string(block, block.index('name: "') + 6)[0]
        for m in re.finditer(r"excerpt: (\d+),\s*position: ([0-9.eE+-]+),", block):
            placements[(who, int(m.group(1)))] = float(m.group(2))
    return {"src": src, "anchors": anchors, "transcripts": transcripts, "excerpts": excerpts,
            "placements": placements}


def pick_quote(tr, excerpts):
    """A few words of an interviewee's turn in the middle of the transcript, in no excerpt, and
    said once in the whole text: (start, end, words) in the transcript's chars."""
    taken = [(e["start"], e["end"]) for e in excerpts if e["transcript"] == tr["id"]]
    text = tr["text"]
    turns = [t for t in tr["turns"] if t[2] != "Interviewer"]
    for start, end, _ in turns[len(turns) // 2:] + turns[:len(turns) // 2]:
        for s in sentences(text[start:end]):
            words = " ".join(s.split()[:6])
            at = text.find(words, start)
            if text.count(words) != 1 or "\n" in words or len(words) < 20:
                continue
            if all(at + len(words) <= a or at >= b for a, b in taken):
                return at, at + len(words), words
    return None


# --------------------------------------------------------------------------- keys
KEYSYMS = {"Escape": 0xFF1B, "Tab": 0xFF09, "Shift_L": 0xFFE1, "space": 0x20, "Return": 0xFF0D, "Right": 0xFF53, "Left": 0xFF51, "2": 0x32,
           "e": 0x65, "s": 0x73, "Control_L": 0xFFE3}


class Keys:
    def __init__(self, mode):
        self.mode = mode
        self.ctrl_code = self.shift_code = None
        if mode == "atspi":
            xlib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
            xlib.XOpenDisplay.restype = ctypes.c_void_p
            xlib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
            xlib.XKeysymToKeycode.restype = ctypes.c_ubyte
            xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
            dpy = xlib.XOpenDisplay(None)
            self.ctrl_code = xlib.XKeysymToKeycode(dpy, KEYSYMS["Control_L"])
            self.shift_code = xlib.XKeysymToKeycode(dpy, KEYSYMS["Shift_L"])
            xlib.XCloseDisplay(dpy)

    def press(self, key, ctrl=False, shift=False):
        """One key press and release, with Control and/or Shift held."""
        if self.mode == "xdotool":
            combo = ("ctrl+" if ctrl else "") + ("shift+" if shift else "") + key
            subprocess.run(["xdotool", "key", combo], check=True, timeout=5)
            return
        gen = Atspi.generate_keyboard_event
        held = [c for c, on in ((self.ctrl_code, ctrl), (self.shift_code, shift)) if on]
        for code in held:
            gen(code, None, Atspi.KeySynthType.PRESS)
        gen(KEYSYMS[key], None, Atspi.KeySynthType.SYM)
        for code in reversed(held):
            gen(code, None, Atspi.KeySynthType.RELEASE)


# --------------------------------------------------------------------------- the tree
class Walkthrough:
    def __init__(self, app, keys):
        self.app = app
        self.keys = keys
        self.failed = 0

    def step(self, num, title, ok, seen):
        print(f"{'PASS' if ok else 'FAIL'} ({num}) {title}")
        for line in seen if isinstance(seen, list) else [seen]:
            print(f"    {line}")
        self.failed += not ok
        return ok

    def nodes(self):
        return walk(self.app)

    def poll(self, probe, timeout=STEP_TIMEOUT):
        """probe(nodes) -> a true value when done; returns (value, nodes) or (None, last nodes)."""
        deadline = time.monotonic() + timeout
        while True:
            nodes = self.nodes()
            got = probe(nodes)
            if got or time.monotonic() > deadline:
                return got, nodes
            time.sleep(0.1)

    def key(self, key, ctrl=False, shift=False):
        self.keys.press(key, ctrl, shift)
        time.sleep(0.05)


def one(nodes, name=None, role=None, under=None):
    for n in nodes:
        if (name is None or n.name == name) and (role is None or n.role == role) and \
                (under is None or any(under in p for p in n.path[:-1])):
            return n
    return None


def document(nodes):
    return one(nodes, name="Transcript text")


def status_label(nodes):
    for n in nodes:
        if n.role == "label" and n.parent is not None and n.parent.name == "Status bar" and \
                n.name in ("Unsaved changes", "All changes saved"):
            return n
    return None


def markers(nodes):
    return [n for n in nodes if re.match(r"Marker\b", n.name)]


def short(text, n=110):
    text = text.replace("\n", "⏎")
    return text if len(text) <= n else text[:n] + f"…({len(text)} chars)"


# --------------------------------------------------------------------------- the steps
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--app", default="continuum")
    ap.add_argument("--wait", type=float, default=25)
    ap.add_argument("--keys", choices=("atspi", "xdotool"), default=os.environ.get("ATSPI_KEYS", "atspi"))
    ap.add_argument("--project", default=os.environ.get("ATSPI_PROJECT_COPY"),
                    help="the project file the program was started on (saved by the walkthrough)")
    ap.add_argument("--original", default=os.environ.get("ATSPI_PROJECT", DEFAULT_SAMPLE))
    args = ap.parse_args()
    began = time.monotonic()
    if not args.project:
        print("FAIL no project copy to save: run through run.sh with ATSPI_PROJECT=FILE")
        return 2
    proj = load_project(args.original)
    before_disk = load_project(args.project)
    base = os.path.basename(args.project)

    Atspi.set_timeout(3000, -1)
    app = wait_for_app(args.app, args.wait)
    if app is None:
        print(f"FAIL (1) application {args.app!r} not on the AT-SPI desktop after {args.wait:.0f} s")
        return 2
    w = Walkthrough(app, Keys(args.keys))
    print(f"-- {args.app} on the AT-SPI desktop after {time.monotonic() - began:.1f} s; keys by {args.keys}")

    # 1 -------------------------------------------------------------- the app, its window, focus
    focused = focus_x_window()
    time.sleep(0.3)
    nodes = w.nodes()
    frame = next((n for n in nodes if n.role == "frame"), None)
    fname = frame.name if frame else None
    w.step(1, "the window is found, named with the file, and has X input focus",
           bool(frame and base in fname and "Continuum" in fname and "(sample)" not in fname and focused),
           f"frame {fname!r}, file {base!r}, X focus given: {focused}, {len(nodes)} nodes")

    # 2 -------------------------------------------------------------- open the 2nd interview
    names = [t["name"] for t in proj["transcripts"]]
    entries = [n for n in nodes if n.role == "toggle button" and n.name in names
               and any('panel "Transcripts"' == p for p in n.path)]
    if len(entries) < 2:
        w.step(2, "open the second interview from the Transcripts panel by keyboard", False,
               f"interview entries in the Transcripts panel: {[n.name for n in entries]}")
        return finish(w, began)
    entry = entries[1]
    tr = next(t for t in proj["transcripts"] if t["name"] == entry.name)
    speakers = sorted({s for _, _, s in tr["turns"]})
    doc0 = document(nodes)
    grabbed = safe(lambda: Atspi.Component.grab_focus(entry.acc), False)

    def entry_focused(ns):
        e = one(ns, name=entry.name, role="toggle button")
        return e if e and "focused" in e.states else None
    e, nodes = w.poll(entry_focused, 2)
    seen = [f"entry {entry.name!r}: grab_focus returned {grabbed}, FOCUSED={bool(e)}"]
    w.key("space")

    def opened(ns):
        d = document(ns)
        return d if d and d.description.startswith(tr["name"]) and d.text and \
            all(f"{s}: " in d.text for s in speakers) else None
    doc, nodes = w.poll(opened)
    d = document(nodes)
    e = one(nodes, name=entry.name, role="toggle button")
    seen.append(f"Space -> entry states {e.states if e else None}")
    seen.append(f"document before: desc {doc0.description if doc0 else None!r}")
    seen.append(f"document after:  desc {d.description if d else None!r}, text {short(d.text or '') if d else None!r}")
    seen.append(f"speakers wanted in the text: {speakers}")
    w.step(2, f"open the second interview ({tr['name']}) by keyboard: focus its entry, Space",
           bool(e is not None and doc), seen)
    if not doc:
        return finish(w, began)

    # 3 -------------------------------------------------------------- read it whole
    text = doc.text
    plain = EXCERPT_MARK.sub("", text)
    paragraphs = [p for p in tr["text"].split("\n") if p.strip()]
    last = sentences(paragraphs[-1])[-1]
    first = sentences(paragraphs[0])[0] if sentences(paragraphs[0]) else paragraphs[0].strip()
    missing = []
    at = 0
    for start, end, speaker in tr["turns"]:   # every turn, in order, after its speaker's name
        said = f"{speaker}: " + tr["text"][start:end][:40]
        found = plain.find(said, at)
        if found < 0:
            missing.append(said)
        else:
            at = found + len(said)
    ok = norm(last) in norm(plain) and norm(first) in norm(plain) and not missing
    w.step(3, "read it whole: the document's Text has every turn, in order, after \"Speaker: \"", ok,
           [f"{len(text)} chars through Text.get_text, {len(tr['turns'])} turns in the file, "
            f"{len(tr['turns']) - len(missing)} found in order with their speaker",
            f"last sentence {last!r}: {'found' if norm(last) in norm(plain) else 'MISSING'}",
            f"first sentence {first!r}: {'found' if norm(first) in norm(plain) else 'MISSING'}"]
           + [f"missing turn start {m!r}" for m in missing[:5]])

    # 4 -------------------------------------------------------------- select words, Ctrl+E
    quote = pick_quote(tr, proj["excerpts"])
    if quote is None:
        w.step(4, "make an excerpt", False, "no unexcerpted words found in the transcript")
        return finish(w, began)
    q_start, q_end, words = quote
    off = text.find(words)
    assert text.count(words) == 1, words
    grabbed = safe(lambda: Atspi.Component.grab_focus(doc.acc), False)
    time.sleep(0.2)
    if safe(lambda: Atspi.Text.get_n_selections(doc.acc), 0):
        set_ok = safe(lambda: Atspi.Text.set_selection(doc.acc, 0, off, off + len(words)), False)
    else:
        set_ok = safe(lambda: Atspi.Text.add_selection(doc.acc, off, off + len(words)), False)

    def selected(ns):
        d = document(ns)
        r = safe(lambda: Atspi.Text.get_selection(d.acc, 0)) if d else None
        return (r.start_offset, r.end_offset) if r and r.end_offset > r.start_offset else None
    sel, nodes = w.poll(selected, 2)
    markers_before = Counter(n.name for n in markers(nodes))
    w.key("e", ctrl=True)
    made = re.compile(r"\[Excerpt: ([^\]]*)\] " + re.escape(words))

    def excerpted(ns):
        d, s = document(ns), status_label(ns)
        return (d, s) if d and d.text and made.search(d.text) and s and s.name == "Unsaved changes" else None
    got, nodes = w.poll(excerpted)
    d, s = document(nodes), status_label(nodes)
    m = made.search(d.text or "") if d else None
    around = ""
    if d and d.text:
        i = d.text.find(words)
        around = d.text[max(0, i - 60):i + len(words) + 30] if i >= 0 else "(the words are gone)"
    label = m.group(1) if m else None
    w.step(4, "make an excerpt: Text.set_selection on words, Ctrl+E", bool(got),
           [f"words {words!r} = document chars {off}..{off + len(words)} (transcript chars {q_start}..{q_end}); "
            f"grab_focus {grabbed}, set_selection returned {set_ok}, selection read back {sel}",
            f"after Ctrl+E the document reads …{around!r}…",
            f"excerpt mark: {'[Excerpt: ' + label + ']' if m else 'NONE before the words'}; "
            f"status label {s.name if s else None!r}; document caret "
            f"{safe(lambda: Atspi.Text.get_caret_offset(d.acc)) if d else None}"])
    if not got:
        return finish(w, began)

    # 5 -------------------------------------------------------------- place it with "2"
    w.key("2")

    def placed(ns):
        new = Counter(n.name for n in markers(ns)) - markers_before
        return next(iter(new), None)
    new_name, nodes = w.poll(placed)
    mk = one(nodes, name=new_name) if new_name else None
    desc = mk.description if mk else None
    ok = bool(mk and desc.startswith("0.33, near Friend"))
    w.step(5, "place it: key 2 (the second anchor, Friend)", ok,
           [f"new marker {new_name!r} desc {desc!r}" if mk else
            f"no new \"Marker…\" node ({sum(markers_before.values())} before, {len(markers(nodes))} after)",
            f"the excerpt's label in the document: {label!r}"])
    if not mk:
        return finish(w, began)

    # 6 -------------------------------------------------------------- move it: Right, Right
    def caret(ns):
        d = document(ns)
        return safe(lambda: Atspi.Text.get_caret_offset(d.acc)) if d else None

    def moved(ns):
        k = one(ns, name=new_name)
        return k if k and k.description.startswith("0.35, near Friend") else None

    def focused(ns):
        return [n for n in ns if "focused" in n.states]

    caret_placed = caret(nodes)
    focus_placed = [n.label() for n in focused(nodes)]
    # As docs/accessibility.md says: Escape leaves the text (the excerpt stays selected), and the
    # arrows then move its placement (in the text they move the caret).
    w.key("Escape")
    time.sleep(0.15)
    w.key("Right")
    time.sleep(0.15)
    w.key("Right")
    got, nodes = w.poll(moved, 2)
    k = one(nodes, name=new_name)
    got = got and k and "focused" in k.states
    w.step(6, "move it: Escape out of the text onto its marker, then Right arrow twice", bool(got),
           [f"marker {new_name!r} desc {k.description if k else None!r}",
            f"focus when placed: {focus_placed}; document caret when placed {caret_placed}, "
            f"after Right Right {caret(nodes)}",
            f"focused now: {[n.label() for n in focused(nodes)]}"])

    if not got:
        # The documented way to a marker: "Tab meets the markers ... A marker reached with Tab
        # is selected, so the arrow keys move it." Shift+Tab back from the transcript to it.
        presses, path = 0, []
        deadline = time.monotonic() + 15
        here = [n.label() for n in focused(nodes)]
        while presses < 60 and time.monotonic() < deadline:
            if here == [f'toggle button "{new_name}"']:
                break
            w.key("Tab", shift=True)
            presses += 1
            new_here, nodes = w.poll(lambda ns: [n.label() for n in focused(ns)] != here and
                                     [n.label() for n in focused(ns)], 1)
            here = new_here or here
            path.append(here[0] if here else "-")
        k = one(nodes, name=new_name)
        reached = bool(k and "focused" in k.states)
        states = k.states if k else None
        if reached:
            w.key("Right")
            time.sleep(0.15)
            w.key("Right")
            got, nodes = w.poll(moved)
            k = one(nodes, name=new_name)
        w.step("6b", "move it the documented way: Shift+Tab to its marker, Right arrow twice",
               bool(reached and got and "focused" in k.states),
               [f"{presses} Shift+Tab presses, focus went "
                + " → ".join(p.replace("toggle button ", "") for p in path[-4:]),
                f"marker reached: {reached}, its states then {states}",
                f"after Right Right: desc {k.description if k else None!r}, "
                f"focused {[n.label() for n in focused(nodes)]}"])

    # 7 -------------------------------------------------------------- hear every marker
    anchor_re = "|".join(re.escape(a) for a in proj["anchors"])
    said = re.compile(rf"(?<![\w.])[01]\.\d\d\b.*\bnear (?:{anchor_re})\b")
    ms = markers(nodes)
    mapn = one(nodes, name="Continuum map")
    bad = [f"{n.name!r} desc {n.description!r}" for n in ms if not said.search(n.description)]
    w.step(7, "hear every marker: each \"Marker…\" says its position and \"near <anchor>\"",
           bool(ms) and not bad,
           [f"{len(ms)} markers ({sum(markers_before.values())} before the new one), {len(bad)} without"]
           + [f"e.g. {ms[0].name!r}: {ms[0].description!r}" if ms else "no markers",
              f"the map says: {short(mapn.description, 90) if mapn else None!r}"] + bad[:5])

    # 8 -------------------------------------------------------------- save with Ctrl+S
    mtime = os.stat(args.project).st_mtime_ns
    w.key("s", ctrl=True)
    got, nodes = w.poll(lambda ns: (status_label(ns) or None) and status_label(ns).name == "All changes saved"
                        and os.stat(args.project).st_mtime_ns != mtime)
    s = status_label(nodes)
    seen = [f"status label {s.name if s else None!r}, file changed on disk: {os.stat(args.project).st_mtime_ns != mtime}"]
    disk_ok = False
    try:
        after = load_project(args.project)
        old_ids = {e["id"] for e in before_disk["excerpts"]}
        new = [e for e in after["excerpts"] if e["id"] not in old_ids]
        seen.append(f"excerpts on disk: {len(before_disk['excerpts'])} before, {len(after['excerpts'])} after")
        if len(new) == 1:
            e = new[0]
            span = next(t for t in after["transcripts"] if t["id"] == e["transcript"])["text"][e["start"]:e["end"]]
            pos = {who: p for (who, x), p in after["placements"].items() if x == e["id"]}
            seen.append(f"new excerpt e{e['id']}: transcript {e['transcript']}, chars {e['start']}..{e['end']} "
                        f"= {span!r}, label {e['label']!r}, placed {pos}")
            disk_ok = (e["transcript"] == tr["id"] and span.strip() == words
                       and len(pos) == 1 and round(next(iter(pos.values())), 2) == 0.35)
    except (OSError, ValueError, AttributeError, StopIteration) as err:
        seen.append(f"cannot read the saved file: {err}")
    w.step(8, "save: Ctrl+S; the status says so and the file holds the excerpt, placed at 0.35",
           bool(got) and disk_ok, seen)
    return finish(w, began)


def finish(w, began):
    print(f"-- {w.failed} failed, walkthrough took {time.monotonic() - began:.1f} s" + (" (exit 1)" if w.failed else ""))
    return 1 if w.failed else 0


if __name__ == "__main__":
    sys.exit(main())
