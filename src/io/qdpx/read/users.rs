//! Users: each becomes an annotator, and their names stand in the memos of the codings they
//! made.

use super::{Builder, one_line};
use crate::io::qdpx::guid::canonical;
use crate::io::qdpx::xml::Element;
use crate::model::{Annotator, AnnotatorId, Colour};

impl Builder {
    /// Each `User` as an annotator, numbered and coloured in the file's order.
    pub(super) fn read_users(&mut self, root: &Element) {
        for (i, user) in root
            .child("Users")
            .iter()
            .flat_map(|u| u.children_named("User"))
            .enumerate()
        {
            let id = AnnotatorId(i as u32 + 1);
            let name = [user.attr("name"), user.attr("id")]
                .into_iter()
                .flatten()
                .map(one_line)
                .find(|n| !n.is_empty())
                .unwrap_or_else(|| format!("User {}", i + 1));
            self.users.insert(
                canonical(user.attr("guid").unwrap_or_default()),
                (id, name.clone()),
            );
            self.project.annotators.push(Annotator {
                id,
                name,
                colour: Colour::PALETTE[i % Colour::PALETTE.len()],
                placements: Vec::new(),
                consensus: false,
            });
        }
    }

    /// A user's name for memos ("an unknown user" for a GUID the file does not list).
    pub(super) fn user_name(&mut self, guid: Option<&str>) -> Option<String> {
        let guid = canonical(guid?);
        match self.users.get(&guid) {
            Some((_, name)) => Some(name.clone()),
            None => {
                self.warn(format!(
                    "user {guid} is named by a coding but not listed among the users"
                ));
                Some("an unknown user".to_owned())
            }
        }
    }
}
