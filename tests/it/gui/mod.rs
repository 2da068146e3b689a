//! Interaction tests that drive the real `App` through egui_kittest: find widgets by their
//! accessibility labels, click, type and drag, then check the project. One file per part of the
//! window (and `accessibility`: the window as a screen reader meets it); the gestures, the fake
//! file dialogs and the window itself are in `support::gui`.

mod accessibility;
mod annotators;
mod excerpts;
mod exchange;
mod export;
mod files;
mod findings;
mod import;
mod layout;
mod map;
mod opening;
mod recovery;
mod search;
mod settings;
mod transcript;
