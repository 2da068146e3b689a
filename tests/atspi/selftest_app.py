#!/usr/bin/python3
"""A stand-in for Continuum that exposes what issue 17 asks for, through GTK 3's AT-SPI bridge.

It shows that check.py can pass (every check is meant to fail on today's program and pass on a
fixed one), and lets the checker be changed without building the Rust program:

    tests/atspi/run.sh tests/atspi/selftest_app.py        # all PASS, exit 0
    SELFTEST_BREAK=1 tests/atspi/run.sh tests/atspi/selftest_app.py   # (a)-(e) FAIL, exit 1

Needs gir1.2-gtk-3.0 and libatk-adaptor (not needed for the real check).
"""

import os
import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import DEFAULT_SAMPLE, load_sample  # noqa: E402

broken = os.environ.get("SELFTEST_BREAK") == "1"
GLib.set_prgname("continuum")
transcripts, anchors = load_sample(DEFAULT_SAMPLE)
tr = transcripts[0]

win = Gtk.Window(title="care-settings.continuum (sample) — Continuum" if not broken else "")
box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
win.add(box)

bar = Gtk.MenuBar()
file_item = Gtk.MenuItem(label="File")
menu = Gtk.Menu()
menu.append(Gtk.MenuItem(label="Open…" if not broken else "Open… Ctrl+O"))
file_item.set_submenu(menu)
bar.append(file_item)
box.pack_start(bar, False, False, 0)

for label, value in (("Lanes by", "case"), ("Annotator:", "Anna Holm"), ("Case:", "all")):
    combo = Gtk.ComboBoxText()
    combo.append_text(value)
    combo.set_active(0)
    combo.get_accessible().set_name(label if broken else f"{label.rstrip(':')}: {value}")
    box.pack_start(combo, False, False, 0)

for name, pos, anchor in (("Two families", 0.08, "Family"), ("Like a referee", 0.71, "Professional")):
    b = Gtk.ToggleButton(label=f"Marker: {name}")
    if not broken:
        b.get_accessible().set_description(f"{pos:.2f}, near {anchor}; Anna Holm; lane Hjemmeplejen Vestbo")
    box.pack_start(b, False, False, 0)

lines = tr["text"].split("\n")
text = "\n".join(f"{s}: {line}" for s, line in zip(tr["speakers"], lines))
view = Gtk.TextView()
view.get_buffer().set_text(text if not broken else "\n".join(lines[:3]))
if not broken:
    view.get_accessible().set_name(f"Transcript: {tr['name']}")
scroll = Gtk.ScrolledWindow()
scroll.set_size_request(600, 300)
scroll.add(view)
if not broken:
    scroll.get_accessible().set_name("Transcript")
box.pack_start(scroll, True, True, 0)

win.connect("destroy", Gtk.main_quit)
win.show_all()
Gtk.main()
