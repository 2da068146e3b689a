//! The continuum map as data, independent of any painter: a pure layout from project and view
//! settings to shapes, which the window's canvas, the SVG exporter and the PNG exporter all paint,
//! so an exported figure looks like the screen.
//!
//! `settings` says how the map is drawn, `layout` turns a project into `shapes`, and `svg` and
//! `png` paint those shapes into files.

mod layout;
mod png;
mod settings;
mod shapes;
mod stack;
mod svg;
mod text_width;

pub use layout::{layout, summary_plot};
pub use png::{MAX_FIGURE_PIXELS, check_png_budget, png_size, to_png};
pub use settings::{ColourBy, GroupBy, Labels, MapFilter, MapSettings};
pub use shapes::{Anchor, MapLayout, PlacedMarker, Shape};
use stack::stack_rows;
pub use svg::to_svg;
pub use text_width::{MAP_FONT, MAP_FONT_FAMILY, text_width};
