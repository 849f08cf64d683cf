//! Targets: what the plan parts promise for the plan year.

use super::Context;
use crate::model::Target;

pub fn extract(_ctx: &Context) -> Vec<Target> {
    Vec::new()
}
