//! What the continuum canvas shows and how: lanes, labels, zones, colours, whose markers, the
//! filters, zoom and scroll, and the selected markers. View state only, never saved in the file.

use crate::map::{ColourBy, GroupBy, Labels, MapFilter, MapLayout, MapSettings, layout};
use crate::model::{AnnotatorId, ExcerptId, Project, TranscriptId};
use std::collections::BTreeSet;
use std::sync::Arc;

/// One marker: an annotator's placement of an excerpt.
pub type MarkerKey = (AnnotatorId, ExcerptId);

/// Which markers carry a label on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenLabels {
    /// Those of the transcript being read; the rest are dots, so the map stays uncrowded.
    ThisTranscript,
    All,
    None,
}

impl ScreenLabels {
    pub const ALL: [ScreenLabels; 3] = [
        ScreenLabels::ThisTranscript,
        ScreenLabels::All,
        ScreenLabels::None,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ScreenLabels::ThisTranscript => "this transcript",
            ScreenLabels::All => "all markers",
            ScreenLabels::None => "none",
        }
    }
}

#[derive(Debug)]
pub struct MapView {
    pub group_by: GroupBy,
    pub labels: ScreenLabels,
    pub zones: bool,
    pub colour_by: ColourBy,
    /// Join each excerpt's markers by different annotators.
    pub connectors: bool,
    /// Show every annotator's markers, not only the active annotator's (never while coding blind).
    pub all_annotators: bool,
    /// Left out when every annotator is shown.
    pub hidden_annotators: BTreeSet<AnnotatorId>,
    pub filter: MapFilter,
    /// 1 shows the map at the canvas's width; more magnifies, less shows more of a tall map.
    pub zoom: f32,
    /// The map point (in figure points) at the top left of the canvas.
    pub scroll: egui::Vec2,
    /// Markers chosen by click, Shift-click or rubber band.
    pub selection: BTreeSet<MarkerKey>,
    /// How far the selected markers are being dragged, in positions (committed on release).
    pub drag: Option<f64>,
    /// A rubber band being drawn, from and to, in figure points.
    pub band: Option<(egui::Pos2, egui::Pos2)>,
    /// Fit the whole map into the canvas on the next frame.
    pub fit_requested: bool,
    /// Zoom by this factor on the next frame, about the middle of the canvas (the zoom buttons;
    /// about the corner, the middle of a large map went out of view as one zoomed in).
    pub zoom_by: Option<f32>,
    /// The canvas size the map was last fitted to, while the user has not zoomed since: the map
    /// is fitted again when the canvas changes size (the window grew, the panel was dragged).
    pub fitted_to: Option<egui::Vec2>,
    /// The transcript whose markers were last scrolled into view.
    pub followed_transcript: Option<TranscriptId>,
    /// The last layout with the project revision and settings it was made for: laying out
    /// thousands of markers takes milliseconds, so frames that change neither reuse it.
    cached: Option<(u64, MapSettings, Arc<MapLayout>)>,
    /// What the case, role and code filters offer.
    pub choices: crate::ui::filter_choices::KeptChoices,
    /// The excerpt whose marker (the active annotator's) takes keyboard focus the next time the
    /// map is drawn: Escape out of the transcript goes to the selected excerpt's marker, where
    /// the arrow keys move it and a screen reader says where it sits.
    pub focus_marker: Option<ExcerptId>,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            group_by: GroupBy::Case,
            labels: ScreenLabels::ThisTranscript,
            zones: true,
            colour_by: ColourBy::Annotator,
            connectors: false,
            all_annotators: false,
            hidden_annotators: BTreeSet::new(),
            filter: MapFilter::default(),
            zoom: 1.0,
            scroll: egui::Vec2::ZERO,
            selection: BTreeSet::new(),
            drag: None,
            band: None,
            fit_requested: false,
            zoom_by: None,
            fitted_to: None,
            followed_transcript: None,
            cached: None,
            choices: Default::default(),
            focus_marker: None,
        }
    }
}

impl MapView {
    /// Whose markers are shown: the active annotator's, or everyone's not hidden. Blind coding
    /// shows only one's own, whatever was chosen.
    pub fn shown_annotators(
        &self,
        project: &Project,
        active: Option<AnnotatorId>,
    ) -> Vec<AnnotatorId> {
        if self.all_annotators && project.blind.is_none() {
            project
                .annotators
                .iter()
                .map(|a| a.id)
                .filter(|id| !self.hidden_annotators.contains(id))
                .collect()
        } else {
            active.into_iter().collect()
        }
    }

    /// The layout settings for a canvas `width` figure points wide.
    pub fn settings(
        &self,
        project: &Project,
        active: Option<AnnotatorId>,
        transcript: Option<TranscriptId>,
        width: f32,
    ) -> MapSettings {
        MapSettings {
            group_by: self.group_by,
            annotators: Some(self.shown_annotators(project, active)),
            filter: self.filter.clone(),
            labels: match self.labels {
                ScreenLabels::ThisTranscript => transcript.map_or(Labels::None, Labels::Transcript),
                ScreenLabels::All => Labels::All,
                ScreenLabels::None => Labels::None,
            },
            zones: self.zones,
            colour_by: self.colour_by,
            connectors: self.connectors,
            title: None,
            width,
            // In steps (1, 2, 4, 8…), so zooming lays the map out again only now and then.
            detail: self.zoom.max(1.0).log2().floor().exp2(),
        }
    }

    /// The layout for `settings`, made again only when the project or the settings changed.
    pub fn layout(
        &mut self,
        project: &Project,
        revision: u64,
        settings: MapSettings,
    ) -> Arc<MapLayout> {
        if let Some(map) = self.reusable(revision, &settings) {
            return map.clone();
        }
        let map = Arc::new(layout(project, &settings));
        self.cached = Some((revision, settings, map.clone()));
        map
    }

    /// The cached layout, if it was made at `revision` for `settings`.
    fn reusable(&self, revision: u64, settings: &MapSettings) -> Option<&Arc<MapLayout>> {
        match &self.cached {
            Some((r, s, map)) if *r == revision && s == settings => Some(map),
            _ => None,
        }
    }

    /// Test hook (tests/it/session/): if a frame at `revision` with the cached settings would
    /// reuse the cached layout, says whether it differs from a fresh [`layout`] of `project`.
    #[doc(hidden)]
    pub(crate) fn stale_cache(&self, project: &Project, revision: u64) -> Vec<String> {
        let mut stale = Vec::new();
        if let Some((_, settings, _)) = self.cached.as_ref()
            && let Some(map) = self.reusable(revision, settings)
            && **map != layout(project, settings)
        {
            stale.push(format!(
                "the map layout reused at revision {revision} differs from a fresh layout"
            ));
        }
        stale.extend(self.choices.stale(project, revision));
        stale
    }

    /// The selected excerpts whose placements by `annotator` exist, i.e. what a move or delete
    /// of the selection changes when `annotator` is active.
    pub fn movable(&self, project: &Project, annotator: AnnotatorId) -> BTreeSet<ExcerptId> {
        self.selection
            .iter()
            .filter(|(a, e)| *a == annotator && project.placement(*a, *e).is_some())
            .map(|(_, e)| *e)
            .collect()
    }

    /// Forgets selected markers whose placement no longer exists (after an undo or a delete).
    pub fn prune(&mut self, project: &Project) {
        self.selection
            .retain(|(a, e)| project.placement(*a, *e).is_some());
        self.hidden_annotators
            .retain(|a| project.annotator(*a).is_some());
        if self.filter.case.is_some_and(|c| project.case(c).is_none()) {
            self.filter.case = None;
        }
    }
}
