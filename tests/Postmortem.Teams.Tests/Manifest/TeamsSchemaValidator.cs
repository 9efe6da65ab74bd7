using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Postmortem.Teams.Tests.Manifest;

/// <summary>
/// A compact JSON Schema validator for the keywords the Teams manifest schema (draft-04, plus if/then) uses: type,
/// enum, const, required, properties, additionalProperties, minProperties, items, minItems, maxItems, uniqueItems,
/// minLength, maxLength, pattern, minimum, maximum, anyOf, oneOf, if/then/else, dependencies and local <c>$ref</c>
/// (draft-04: a <c>$ref</c> replaces its siblings). Keywords it does not know land in <see cref="UnknownKeywords"/>.
/// </summary>
internal sealed class TeamsSchemaValidator(JsonNode schema)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "id", "title", "description", "default", "format", "definitions", "examples",
    };

    /// <summary>The validation keywords this class checks.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "const", "required", "properties", "additionalProperties", "minProperties", "items",
        "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "minimum", "maximum", "anyOf",
        "oneOf", "if", "then", "else", "dependencies",
    };

    /// <summary>Keywords met while validating that are neither supported nor annotations.</summary>
    public HashSet<string> UnknownKeywords { get; } = new(StringComparer.Ordinal);

    /// <summary>Every keyword used anywhere in the schema that is neither supported nor an annotation.</summary>
    public IReadOnlySet<string> UnsupportedKeywordsInSchema()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node)
        {
            if (node is not JsonObject s)
            {
                return;
            }

            foreach (var (keyword, value) in s)
            {
                if (!Supported.Contains(keyword) && !Annotations.Contains(keyword))
                {
                    found.Add(keyword);
                }

                switch (keyword)
                {
                    case "properties" or "definitions":
                        foreach (var (_, sub) in value!.AsObject())
                        {
                            Walk(sub);
                        }

                        break;
                    case "dependencies":
                        foreach (var (_, sub) in value!.AsObject())
                        {
                            Walk(sub);
                        }

                        break;
                    case "items" or "additionalProperties" or "if" or "then" or "else" or "anyOf" or "oneOf":
                        if (value is JsonArray list)
                        {
                            foreach (var sub in list)
                            {
                                Walk(sub);
                            }
                        }
                        else
                        {
                            Walk(value);
                        }

                        break;
                }
            }
        }

        Walk(schema);
        return found;
    }

    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode? node, JsonNode? instance, string path, List<string> errors)
    {
        if (node is not JsonObject s)
        {
            return;
        }

        if (s["$ref"] is { } reference)
        {
            Check(Resolve(reference.GetValue<string>()), instance, path, errors);
            return;
        }

        foreach (var (keyword, value) in s)
        {
            switch (keyword)
            {
                case "type":
                    var types = value is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [value!.GetValue<string>()];
                    if (!types.Any(t => IsType(instance, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Kind(instance)}");
                    }

                    break;
                case "enum":
                    if (!value!.AsArray().Any(v => JsonNode.DeepEquals(v, instance)))
                    {
                        errors.Add($"{path}: {instance?.ToJsonString() ?? "null"} is not one of {value.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(value, instance))
                    {
                        errors.Add($"{path}: expected {value?.ToJsonString()}, found {instance?.ToJsonString() ?? "null"}");
                    }

                    break;
                case "required":
                    if (instance is JsonObject required)
                    {
                        foreach (var name in value!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !required.ContainsKey(n)))
                        {
                            errors.Add($"{path}: missing required property '{name}'");
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
                                Check(sub, child, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance is JsonObject extra)
                    {
                        var known = s["properties"]?.AsObject();
                        foreach (var (name, child) in extra.Where(p => known is null || !known.ContainsKey(p.Key)))
                        {
                            if (value is JsonValue flag && flag.TryGetValue<bool>(out var allowed))
                            {
                                if (!allowed)
                                {
                                    errors.Add($"{path}: property '{name}' is not allowed");
                                }
                            }
                            else
                            {
                                Check(value, child, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "minProperties":
                    if (instance is JsonObject counted && counted.Count < value!.GetValue<int>())
                    {
                        errors.Add($"{path}: needs at least {value} properties");
                    }

                    break;
                case "items":
                    if (instance is JsonArray items)
                    {
                        for (var i = 0; i < items.Count; i++)
                        {
                            var itemSchema = value is JsonArray tuple ? (i < tuple.Count ? tuple[i] : null) : value;
                            Check(itemSchema, items[i], $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case "minItems":
                    if (instance is JsonArray few && few.Count < value!.GetValue<int>())
                    {
                        errors.Add($"{path}: needs at least {value} items");
                    }

                    break;
                case "maxItems":
                    if (instance is JsonArray many && many.Count > value!.GetValue<int>())
                    {
                        errors.Add($"{path}: allows at most {value} items, found {many.Count}");
                    }

                    break;
                case "uniqueItems":
                    if (instance is JsonArray unique && value!.GetValue<bool>())
                    {
                        for (var i = 0; i < unique.Count; i++)
                        {
                            if (unique.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, unique[i])))
                            {
                                errors.Add($"{path}[{i}]: duplicate item");
                            }
                        }
                    }

                    break;
                case "minLength":
                    if (instance is JsonValue shortText && shortText.TryGetValue<string>(out var min) && Length(min) < value!.GetValue<int>())
                    {
                        errors.Add($"{path}: shorter than {value}");
                    }

                    break;
                case "maxLength":
                    if (instance is JsonValue longText && longText.TryGetValue<string>(out var max) && Length(max) > value!.GetValue<int>())
                    {
                        errors.Add($"{path}: longer than {value} characters");
                    }

                    break;
                case "pattern":
                    if (instance is JsonValue patterned && patterned.TryGetValue<string>(out var text)
                        && !Regex.IsMatch(text, value!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add($"{path}: '{text}' does not match {value}");
                    }

                    break;
                case "minimum":
                    if (Number(instance) is { } low && low < value!.GetValue<double>())
                    {
                        errors.Add($"{path}: below {value}");
                    }

                    break;
                case "maximum":
                    if (Number(instance) is { } high && high > value!.GetValue<double>())
                    {
                        errors.Add($"{path}: above {value}");
                    }

                    break;
                case "anyOf":
                    if (!value!.AsArray().Any(option => Passes(option, instance, path)))
                    {
                        errors.Add($"{path}: matches none of anyOf");
                    }

                    break;
                case "oneOf":
                    var matches = value!.AsArray().Count(option => Passes(option, instance, path));
                    if (matches != 1)
                    {
                        errors.Add($"{path}: matches {matches} of oneOf, expected exactly 1");
                    }

                    break;
                case "if":
                    var branch = Passes(value, instance, path) ? s["then"] : s["else"];
                    Check(branch, instance, path, errors);
                    break;
                case "then" or "else":
                    break;
                case "dependencies":
                    if (instance is JsonObject dependent)
                    {
                        foreach (var (name, dependency) in value!.AsObject().Where(d => dependent.ContainsKey(d.Key)))
                        {
                            if (dependency is JsonArray names)
                            {
                                foreach (var needed in names.Select(n => n!.GetValue<string>()).Where(n => !dependent.ContainsKey(n)))
                                {
                                    errors.Add($"{path}: '{name}' needs '{needed}'");
                                }
                            }
                            else
                            {
                                Check(dependency, instance, path, errors);
                            }
                        }
                    }

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

    private bool Passes(JsonNode? option, JsonNode? instance, string path)
    {
        var errors = new List<string>();
        Check(option, instance, path, errors);
        return errors.Count == 0;
    }

    /// <summary>A local JSON pointer (<c>#/definitions/guid</c>, <c>#/properties/…</c>).</summary>
    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"only local $ref is supported, found {reference}");
        }

        var node = schema;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(part).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonArray array ? array[int.Parse(name, CultureInfo.InvariantCulture)] : node?[name];
        }

        return node ?? throw new InvalidOperationException($"$ref {reference} points nowhere");
    }

    private static int Length(string text) => new StringInfo(text).LengthInTextElements;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static bool IsType(JsonNode? node, string type) => type switch
    {
        "null" => node is null,
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node?.GetValueKind() == JsonValueKind.String,
        "boolean" => node?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => node?.GetValueKind() == JsonValueKind.Number,
        "integer" => Number(node) is { } n && Math.Floor(n) == n,
        _ => false,
    };
}
