using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Postmortem.Slack.Tests.Manifest;

/// <summary>
/// A small JSON Schema (draft-07) validator covering the keywords Slack's manifest schema uses: type, enum, const,
/// required, properties, additionalProperties, patternProperties, min/maxProperties, items, min/maxItems,
/// uniqueItems, min/maxLength, pattern, allOf, anyOf, oneOf, not, and $ref (to definitions, or to another schema
/// document that <c>loadDocument</c> supplies). Keywords it does not know are collected in
/// <see cref="UnknownKeywords"/> so a test can insist there are none.
/// </summary>
internal sealed class JsonSchemaValidator(JsonNode schema, Func<string, JsonNode> loadDocument)
{
    /// <summary>Annotations and non-standard keywords that validate nothing.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions",
        "format", "_note", "regex", "requires",
    };

    private readonly Dictionary<string, JsonNode> _documents = new(StringComparer.Ordinal);

    public HashSet<string> UnknownKeywords { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode? node, JsonNode document, JsonNode? instance, string path, List<string> errors)
    {
        if (node is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed)
            {
                errors.Add($"{path}: not allowed here");
            }

            return;
        }

        if (node is not JsonObject s)
        {
            return;
        }

        foreach (var (keyword, value) in s)
        {
            switch (keyword)
            {
                case "$ref":
                    var (target, targetDocument) = Resolve(value!.GetValue<string>(), document);
                    Check(target, targetDocument, instance, path, errors);
                    break;
                case "type":
                    var types = value is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [value!.GetValue<string>()];
                    if (!types.Any(t => IsType(instance, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Kind(instance)}");
                    }

                    break;
                case "enum":
                    if (!value!.AsArray().Any(v => Same(v, instance)))
                    {
                        errors.Add($"{path}: {Show(instance)} is not one of {value.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!Same(value, instance))
                    {
                        errors.Add($"{path}: expected {value?.ToJsonString()}, found {Show(instance)}");
                    }

                    break;
                case "required":
                    if (instance is JsonObject required)
                    {
                        foreach (var name in value!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !required.ContainsKey(n)))
                        {
                            errors.Add($"{path}: required property '{name}' is missing");
                        }
                    }

                    break;
                case "properties":
                    if (instance is JsonObject withProperties)
                    {
                        foreach (var (name, sub) in value!.AsObject())
                        {
                            if (withProperties.TryGetPropertyValue(name, out var child))
                            {
                                Check(sub, document, child, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "patternProperties":
                    if (instance is JsonObject patterned)
                    {
                        foreach (var (pattern, sub) in value!.AsObject())
                        {
                            foreach (var (name, child) in patterned.Where(p => Regex.IsMatch(p.Key, pattern)))
                            {
                                Check(sub, document, child, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance is JsonObject extra)
                    {
                        var declared = s["properties"]?.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
                        var patterns = s["patternProperties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
                        foreach (var (name, child) in extra.Where(p => !declared.Contains(p.Key) && !patterns.Any(r => Regex.IsMatch(p.Key, r))))
                        {
                            if (value is JsonValue flag && flag.TryGetValue<bool>(out var open))
                            {
                                if (!open)
                                {
                                    errors.Add($"{path}: property '{name}' is not allowed");
                                }
                            }
                            else
                            {
                                Check(value, document, child, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "minProperties" when instance is JsonObject few && few.Count < Int(value):
                    errors.Add($"{path}: needs at least {Int(value)} properties");
                    break;
                case "maxProperties" when instance is JsonObject many && many.Count > Int(value):
                    errors.Add($"{path}: allows at most {Int(value)} properties");
                    break;
                case "items":
                    if (instance is JsonArray items)
                    {
                        for (var i = 0; i < items.Count; i++)
                        {
                            Check(value is JsonArray tuple ? (i < tuple.Count ? tuple[i] : null) : value, document, items[i], $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case "minItems" when instance is JsonArray shortList && shortList.Count < Int(value):
                    errors.Add($"{path}: needs at least {Int(value)} items");
                    break;
                case "maxItems" when instance is JsonArray longList && longList.Count > Int(value):
                    errors.Add($"{path}: allows at most {Int(value)} items");
                    break;
                case "uniqueItems" when instance is JsonArray unique && value!.GetValue<bool>():
                    if (unique.Select(u => u?.ToJsonString()).Distinct(StringComparer.Ordinal).Count() != unique.Count)
                    {
                        errors.Add($"{path}: items must be unique");
                    }

                    break;
                case "minLength" when instance is JsonValue shortText && shortText.TryGetValue<string>(out var a) && Length(a) < Int(value):
                    errors.Add($"{path}: must be at least {Int(value)} characters");
                    break;
                case "maxLength" when instance is JsonValue longText && longText.TryGetValue<string>(out var b) && Length(b) > Int(value):
                    errors.Add($"{path}: must be at most {Int(value)} characters");
                    break;
                case "pattern" when instance is JsonValue patternText && patternText.TryGetValue<string>(out var c):
                    if (!Regex.IsMatch(c, value!.GetValue<string>()))
                    {
                        errors.Add($"{path}: '{c}' does not match {value.GetValue<string>()}");
                    }

                    break;
                case "allOf":
                    foreach (var sub in value!.AsArray())
                    {
                        Check(sub, document, instance, path, errors);
                    }

                    break;
                case "anyOf":
                    if (!value!.AsArray().Any(sub => Passes(sub, document, instance, path)))
                    {
                        errors.Add($"{path}: matches none of the anyOf schemas");
                    }

                    break;
                case "oneOf":
                    var passing = value!.AsArray().Count(sub => Passes(sub, document, instance, path));
                    if (passing != 1)
                    {
                        errors.Add($"{path}: matches {passing} of the oneOf schemas, not exactly one");
                        if (passing == 0)
                        {
                            // Say why, from the branches' own messages.
                            foreach (var sub in value.AsArray())
                            {
                                Check(sub, document, instance, path, errors);
                            }
                        }
                    }

                    break;
                case "not":
                    if (Passes(value, document, instance, path))
                    {
                        errors.Add($"{path}: must not match {value?.ToJsonString()}");
                    }

                    break;
                case "minProperties" or "maxProperties" or "minItems" or "maxItems" or "uniqueItems" or "minLength" or "maxLength" or "pattern":
                    break;
                default:
                    if (!Annotations.Contains(keyword))
                    {
                        UnknownKeywords.Add(keyword);
                    }

                    break;
            }
        }
    }

    private bool Passes(JsonNode? sub, JsonNode document, JsonNode? instance, string path)
    {
        var errors = new List<string>();
        Check(sub, document, instance, path, errors);
        return errors.Count == 0;
    }

    private (JsonNode? Node, JsonNode Document) Resolve(string reference, JsonNode document)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var address = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        if (address.Length > 0)
        {
            if (!_documents.TryGetValue(address, out var loaded))
            {
                loaded = loadDocument(address);
                _documents[address] = loaded;
            }

            document = loaded;
        }

        JsonNode? node = document;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(part).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node?[name] ?? throw new InvalidOperationException($"unresolvable $ref {reference}");
        }

        return (node, document);
    }

    private static bool IsType(JsonNode? instance, string type) => type switch
    {
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "null" => instance is null,
        "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        _ => throw new InvalidOperationException($"unknown type {type}"),
    };

    private static string Kind(JsonNode? instance) => instance switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => instance.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static bool Same(JsonNode? a, JsonNode? b) =>
        a is null || b is null ? a is null && b is null : JsonNode.DeepEquals(JsonNode.Parse(a.ToJsonString()), JsonNode.Parse(b.ToJsonString()));

    private static string Show(JsonNode? instance) => instance?.ToJsonString() ?? "null";

    private static int Int(JsonNode? value) => value!.GetValue<int>();

    private static int Length(string text) => text.EnumerateRunes().Count();
}
