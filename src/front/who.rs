//! Who pressed or wrote: a known, active person of the directory, with what the server
//! knows of their roles — never what the client claims. Each adapter finds them by its own
//! account id.

use crate::domain::directory::{Actor, Person};
use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct Who {
    pub person: Person,
    pub actor: Actor,
    pub lang: Lang,
    /// The directory's generation when they were identified: names cached at it or later
    /// are current for this update.
    pub directory_generation: i64,
}
