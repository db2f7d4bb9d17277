//! Reading the examples' configuration from the environment: each shop example includes it
//! with `#[path = "env/mod.rs"] mod env;` (the legacy shops' `shop/mod.rs` uses it too).

/// An environment variable, `None` when it is not set.
pub fn optional_env(name: &str) -> Result<Option<String>, String> {
    match std::env::var(name) {
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not valid Unicode")),
    }
}

/// An environment variable, or `default` when it is not set.
pub fn env_or(name: &str, default: &str) -> Result<String, String> {
    optional_env(name).map(|value| value.unwrap_or_else(|| default.to_string()))
}

/// An environment variable that must be set.
#[allow(dead_code)] // not every example has a required variable
pub fn required_env(name: &str) -> Result<String, String> {
    optional_env(name)?.ok_or_else(|| format!("set {name}"))
}
