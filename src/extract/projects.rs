//! Projects: named construction, investment and industrial projects.

use super::Context;
use crate::model::Project;

pub fn extract(_ctx: &Context) -> Vec<Project> {
    Vec::new()
}
