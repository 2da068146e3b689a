//! Stacking markers above an axis so their labels never overlap: each marker wants to be centred
//! on its position; markers are taken left to right and each goes into the lowest row where it
//! does not touch its neighbour. Deterministic: ties are broken by the caller's order.

/// A marker's wish: centred at `centre`, `width` wide (same units as the axis).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StackedItem {
    /// Horizontal extent actually given, after clamping into the axis bounds.
    pub left: f32,
    pub right: f32,
    /// 0 is the row nearest the axis.
    pub row: usize,
}

/// Assigns rows. `items` are `(centre, width)`; `bounds` is the span the boxes must stay within;
/// `gap` is the minimum space between two boxes in one row. Returns one entry per item, in the
/// order given.
pub fn stack_rows(items: &[(f32, f32)], bounds: (f32, f32), gap: f32) -> Vec<StackedItem> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable sort keeps the caller's order for equal centres, so the result is deterministic.
    order.sort_by(|&a, &b| items[a].0.total_cmp(&items[b].0));

    let mut row_ends: Vec<f32> = Vec::new();
    let mut placed = vec![
        StackedItem {
            left: 0.0,
            right: 0.0,
            row: 0
        };
        items.len()
    ];
    for index in order {
        let (centre, width) = items[index];
        let width = width.max(0.0).min(bounds.1 - bounds.0);
        let left = (centre - width / 2.0).clamp(bounds.0, (bounds.1 - width).max(bounds.0));
        let right = left + width;
        let row = match row_ends.iter().position(|&end| end + gap <= left) {
            Some(row) => row,
            None => {
                row_ends.push(f32::NEG_INFINITY);
                row_ends.len() - 1
            }
        };
        row_ends[row] = right;
        placed[index] = StackedItem { left, right, row };
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(a: &StackedItem, b: &StackedItem) -> bool {
        a.row == b.row && a.left < b.right && b.left < a.right
    }

    #[test]
    fn no_two_boxes_overlap_and_all_stay_in_bounds() {
        // 300 labels crowded into a narrow axis, some at identical positions.
        let items: Vec<(f32, f32)> = (0..300)
            .map(|i| (((i * 37) % 101) as f32 * 10.0, 40.0 + (i % 7) as f32 * 9.0))
            .collect();
        let placed = stack_rows(&items, (0.0, 1000.0), 4.0);
        assert_eq!(placed.len(), items.len());
        for (i, a) in placed.iter().enumerate() {
            assert!(a.left >= 0.0 && a.right <= 1000.0, "{a:?}");
            for b in &placed[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(
            placed,
            stack_rows(&items, (0.0, 1000.0), 4.0),
            "not deterministic"
        );
    }

    #[test]
    fn distant_markers_share_the_bottom_row() {
        let placed = stack_rows(
            &[(100.0, 50.0), (500.0, 50.0), (102.0, 50.0)],
            (0.0, 1000.0),
            4.0,
        );
        assert_eq!(placed[0].row, 0);
        assert_eq!(placed[1].row, 0);
        assert_eq!(placed[2].row, 1);
    }
}
