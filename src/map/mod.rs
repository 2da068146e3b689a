//! The continuum map as data, independent of any painter: a pure layout from project and view
//! settings to shapes, which the window's canvas, the SVG exporter and the PNG exporter all paint,
//! so an exported figure looks like the screen.

mod layout;
mod png;
mod stack;
mod svg;
mod text_width;

pub use layout::{
    Anchor, ColourBy, GroupBy, Labels, MapFilter, MapLayout, MapSettings, PlacedMarker, Shape,
    layout,
};
pub use png::{MAX_FIGURE_PIXELS, check_png_budget, png_size, to_png};
use stack::stack_rows;
pub use svg::to_svg;
pub use text_width::{MAP_FONT, MAP_FONT_FAMILY, text_width};
