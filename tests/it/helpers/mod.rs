pub mod app;
pub mod binary;
pub mod db;
