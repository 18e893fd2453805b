//! The Bot API description (`api.json`) and a structural type checker.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub struct Field {
    pub name: String,
    pub types: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Deserialize)]
pub struct Method {
    pub name: String,
    #[serde(default)]
    pub fields: Vec<Field>,
}

#[derive(Debug, Deserialize)]
pub struct TypeDef {
    pub fields: Option<Vec<Field>>,
    #[serde(default)]
    pub subtypes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawSpec {
    methods: HashMap<String, Method>,
    types: HashMap<String, TypeDef>,
}

#[derive(Debug)]
pub struct Spec {
    /// Keyed by lower-cased name: teloxide sends PascalCase.
    methods: HashMap<String, Method>,
    types: HashMap<String, TypeDef>,
}

impl Spec {
    /// Loads a spec once per process and path (parsing it is not free).
    pub fn load(path: &Path) -> Result<Arc<Spec>, String> {
        static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Spec>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(spec) = cache.get(path) {
            return Ok(spec.clone());
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read Bot API spec {}: {e}", path.display()))?;
        let spec = Arc::new(Spec::parse(&text)?);
        cache.insert(path.to_owned(), spec.clone());
        Ok(spec)
    }

    pub fn parse(text: &str) -> Result<Spec, String> {
        let raw: RawSpec =
            serde_json::from_str(text).map_err(|e| format!("bad Bot API spec: {e}"))?;
        let methods = raw
            .methods
            .into_values()
            .map(|m| (m.name.to_ascii_lowercase(), m))
            .collect();
        Ok(Spec {
            methods,
            types: raw.types,
        })
    }

    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.get(&name.to_ascii_lowercase())
    }

    /// Checks an object's fields: required present, no unknown, types.
    pub fn check_fields(&self, fields: &[Field], obj: &Value, path: &str) -> Vec<String> {
        let Some(map) = obj.as_object() else {
            return vec![format!("{path}: expected an object, got {}", kind_of(obj))];
        };
        let mut errors = Vec::new();
        for key in map.keys().filter(|k| !fields.iter().any(|f| &f.name == *k)) {
            errors.push(format!("{path}: unknown field `{key}`"));
        }
        for field in fields {
            let at = join(path, &field.name);
            match map.get(&field.name) {
                None | Some(Value::Null) if field.required => {
                    errors.push(format!("{at}: required field is missing"));
                }
                None | Some(Value::Null) => {}
                Some(value) => errors.extend(self.check_value(value, &field.types, &at)),
            }
        }
        errors
    }

    /// Checks a value against alternative types; the closest alternative's
    /// errors are reported when none fits.
    pub fn check_value(&self, value: &Value, types: &[String], path: &str) -> Vec<String> {
        let mut best: Option<Vec<String>> = None;
        for ty in types {
            let errors = self.check_type(value, ty, path);
            if errors.is_empty() {
                return errors;
            }
            if best.as_ref().is_none_or(|b| errors.len() < b.len()) {
                best = Some(errors);
            }
        }
        best.unwrap_or_default()
    }

    fn check_type(&self, value: &Value, ty: &str, path: &str) -> Vec<String> {
        if let Some(item) = ty.strip_prefix("Array of ") {
            return self.check_array(value, item, path);
        }
        let fits = match ty {
            "Integer" => value.is_i64() || value.is_u64(),
            "Float" => value.is_number(),
            "String" | "InputFile" => value.is_string(),
            "Boolean" => value.is_boolean(),
            "True" => value == &Value::Bool(true),
            _ => return self.check_object(value, ty, path),
        };
        if fits {
            Vec::new()
        } else {
            vec![format!("{path}: expected {ty}, got {}", kind_of(value))]
        }
    }

    fn check_array(&self, value: &Value, item: &str, path: &str) -> Vec<String> {
        let Some(items) = value.as_array() else {
            return vec![format!(
                "{path}: expected Array of {item}, got {}",
                kind_of(value)
            )];
        };
        let item_types = [item.to_owned()];
        items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| self.check_value(v, &item_types, &format!("{path}[{i}]")))
            .collect()
    }

    fn check_object(&self, value: &Value, ty: &str, path: &str) -> Vec<String> {
        let Some(def) = self.types.get(ty) else {
            return Vec::new(); // a type this spec does not describe: accept
        };
        if !def.subtypes.is_empty() {
            return self.check_value(value, &def.subtypes, path);
        }
        match &def.fields {
            Some(fields) => self.check_fields(fields, value, &format!("{path} ({ty})")),
            None if value.is_object() => Vec::new(),
            None => vec![format!("{path}: expected {ty}, got {}", kind_of(value))],
        }
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
