//! The continuum map as data, independent of any painter: a pure layout from project and view
//! settings to shapes, which the SVG and PNG exporters paint (the window's canvas shares the
//! marker stacking and is to move onto the same layout).

mod layout;
mod png;
mod stack;
mod svg;
mod text_width;

pub use layout::{Anchor, GroupBy, MapLayout, MapSettings, PlacedMarker, Shape, layout};
pub use png::to_png;
pub use stack::{StackedItem, stack_rows};
pub use svg::to_svg;
pub use text_width::{MAP_FONT, MAP_FONT_FAMILY, text_width};
