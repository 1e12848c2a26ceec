using System.Text.Json;
using System.Text.RegularExpressions;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Templates;

/// <summary>
/// Loads pulse templates from JSON and validates them strictly: a missing text, an unknown property (a typo), a bad id
/// or an impossible range throws <see cref="PulseTemplateException"/> naming the source and the field's JSON path.
/// </summary>
public static partial class PulseTemplates
{
    /// <summary>Name of the embedded default template (Collective Impact pulse).</summary>
    public const string DefaultResourceName = "ConcertationBot.Dialogs.Templates.pulse-default.json";

    /// <summary>Largest <c>maxTextLength</c> a template may ask for.</summary>
    public const int MaxTextLengthLimit = 4000;

    private const string DefaultSourceName = "pulse-default.json";

    private static readonly Lazy<PulseTemplate> LazyDefault = new(LoadDefault);

    /// <summary>The default template, parsed once from the embedded resource.</summary>
    public static PulseTemplate Default => LazyDefault.Value;

    /// <summary>Parses and validates a template; <paramref name="sourceName"/> (a file name) prefixes every error message.</summary>
    public static PulseTemplate Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PulseTemplateException(sourceName, string.Empty, $"is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return new Reader(sourceName).ReadTemplate(document.RootElement);
        }
    }

    private static PulseTemplate LoadDefault()
    {
        using var stream = typeof(PulseTemplates).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), DefaultSourceName);
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]{1,30}$", RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateIdPattern();

    private sealed class Reader(string sourceName)
    {
        private static readonly string[] TemplateProperties = ["id", "version", "title", "intro", "maxTextLength", "steps"];
        private static readonly string[] CommonStepProperties = ["id", "kind", "title", "prompt"];
        private static readonly string[] RatingProperties = [.. CommonStepProperties, "min", "max", "minLabel", "maxLabel", "allowDontKnow"];
        private static readonly string[] FreinLevierProperties = [.. CommonStepProperties, "definition"];
        private static readonly string[] ChoiceProperties = [.. CommonStepProperties, "options"];
        private static readonly string[] ChangeProperties = [.. CommonStepProperties, "positiveLabel", "negativeLabel"];
        private static readonly string[] OptionProperties = ["id", "label", "description"];
        private static readonly string[] LocalizedProperties = ["fr", "en"];

        private const string KindList = "rating, freinLevier, choice, change";

        public PulseTemplate ReadTemplate(JsonElement root)
        {
            var template = Object(root, string.Empty, TemplateProperties);
            var id = RequiredString(template, "id");
            if (!TemplateIdPattern().IsMatch(id))
            {
                throw Fail(template.PathOf("id"), $"\"{id}\" is not a valid template id (lower-case letters, digits and dashes)");
            }

            var version = RequiredInt(template, "version");
            if (version < 1)
            {
                throw Fail(template.PathOf("version"), "must be 1 or more");
            }

            var title = RequiredLocalized(template, "title");
            var intro = OptionalLocalized(template, "intro");
            var maxTextLength = RequiredInt(template, "maxTextLength");
            if (maxTextLength < 1 || maxTextLength > MaxTextLengthLimit)
            {
                throw Fail(template.PathOf("maxTextLength"), $"must be between 1 and {MaxTextLengthLimit}");
            }

            var stepsElement = Required(template, "steps");
            var stepsPath = template.PathOf("steps");
            if (stepsElement.ValueKind != JsonValueKind.Array)
            {
                throw Fail(stepsPath, "must be an array");
            }

            if (stepsElement.GetArrayLength() == 0)
            {
                throw Fail(stepsPath, "must hold at least one step");
            }

            var steps = new List<PulseStep>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in stepsElement.EnumerateArray())
            {
                var step = ReadStep(element, $"{stepsPath}[{index}]");
                if (seen.TryGetValue(step.Id, out var first))
                {
                    throw Fail($"{stepsPath}[{index}].id", $"\"{step.Id}\" is used twice (also steps[{first}].id)");
                }

                seen.Add(step.Id, index);
                steps.Add(step);
                index++;
            }

            return new PulseTemplate
            {
                Id = id,
                Version = version,
                Title = title,
                Intro = intro,
                MaxTextLength = maxTextLength,
                Steps = steps,
            };
        }

        private PulseStep ReadStep(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, "must be an object");
            }

            var kindPath = $"{path}.kind";
            if (!element.TryGetProperty("kind", out var kindElement))
            {
                throw Fail(kindPath, $"is missing ({KindList})");
            }

            if (kindElement.ValueKind != JsonValueKind.String)
            {
                throw Fail(kindPath, $"must be a string ({KindList})");
            }

            var kind = kindElement.GetString()!;
            var allowed = kind switch
            {
                "rating" => RatingProperties,
                "freinLevier" => FreinLevierProperties,
                "choice" => ChoiceProperties,
                "change" => ChangeProperties,
                _ => throw Fail(kindPath, $"\"{kind}\" is unknown ({KindList})"),
            };

            var step = Object(element, path, allowed);
            var id = RequiredString(step, "id");
            CheckId(id, step.PathOf("id"));
            var title = RequiredLocalized(step, "title");
            var prompt = RequiredLocalized(step, "prompt");
            switch (kind)
            {
                case "rating":
                    var min = RequiredInt(step, "min");
                    var max = RequiredInt(step, "max");
                    if (min < 0)
                    {
                        throw Fail(step.PathOf("min"), "must be 0 or more");
                    }

                    if (max <= min)
                    {
                        throw Fail(step.PathOf("max"), "must be greater than min");
                    }

                    if (max - min > 10)
                    {
                        throw Fail(step.PathOf("max"), "must be at most min + 10");
                    }

                    var allowDontKnow = OptionalBool(step, "allowDontKnow") ?? false;
                    return new RatingStep(id, title, prompt, min, max, RequiredLocalized(step, "minLabel"), RequiredLocalized(step, "maxLabel"), allowDontKnow);
                case "choice":
                    return new ChoiceStep(id, title, prompt, ReadOptions(step));
                case "change":
                    return new ChangeStep(id, title, prompt, RequiredLocalized(step, "positiveLabel"), RequiredLocalized(step, "negativeLabel"));
                default:
                    return new FreinLevierStep(id, title, prompt) { Definition = OptionalLocalized(step, "definition") };
            }
        }

        private List<PulseChoice> ReadOptions(ObjectElement step)
        {
            var optionsElement = Required(step, "options");
            var path = step.PathOf("options");
            if (optionsElement.ValueKind != JsonValueKind.Array)
            {
                throw Fail(path, "must be an array");
            }

            if (optionsElement.GetArrayLength() < 2)
            {
                throw Fail(path, "must hold at least two options");
            }

            var options = new List<PulseChoice>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in optionsElement.EnumerateArray())
            {
                var option = Object(element, $"{path}[{index}]", OptionProperties);
                var id = RequiredString(option, "id");
                CheckId(id, option.PathOf("id"));
                if (seen.TryGetValue(id, out var first))
                {
                    throw Fail(option.PathOf("id"), $"\"{id}\" is used twice (also options[{first}].id)");
                }

                seen.Add(id, index);
                options.Add(new PulseChoice(id, RequiredLocalized(option, "label"), OptionalLocalized(option, "description")));
                index++;
            }

            return options;
        }

        private void CheckId(string id, string path)
        {
            if (!IdPattern().IsMatch(id))
            {
                throw Fail(path, $"\"{id}\" is not a valid id (a lower-case letter, then 1 to 30 letters or digits)");
            }
        }

        private ObjectElement Object(JsonElement element, string path, string[] allowed)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, "must be an object");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var propertyPath = Join(path, property.Name);
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Fail(propertyPath, $"is not a known property (expected: {string.Join(", ", allowed)})");
                }

                if (!names.Add(property.Name))
                {
                    throw Fail(propertyPath, "is given twice");
                }
            }

            return new ObjectElement(element, path);
        }

        private JsonElement Required(ObjectElement obj, string name) =>
            obj.Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : throw Fail(obj.PathOf(name), "is missing");

        private string RequiredString(ObjectElement obj, string name)
        {
            var value = Required(obj, name);
            if (value.ValueKind != JsonValueKind.String)
            {
                throw Fail(obj.PathOf(name), "must be a string");
            }

            var text = value.GetString()!;
            return string.IsNullOrWhiteSpace(text) ? throw Fail(obj.PathOf(name), "is empty") : text;
        }

        private int RequiredInt(ObjectElement obj, string name)
        {
            var value = Required(obj, name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : throw Fail(obj.PathOf(name), "must be a whole number");
        }

        private bool? OptionalBool(ObjectElement obj, string name)
        {
            if (!obj.Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail(obj.PathOf(name), "must be true or false"),
            };
        }

        private Localized RequiredLocalized(ObjectElement obj, string name) =>
            ReadLocalized(Required(obj, name), obj.PathOf(name));

        private Localized? OptionalLocalized(ObjectElement obj, string name) =>
            obj.Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? ReadLocalized(value, obj.PathOf(name))
                : null;

        private Localized ReadLocalized(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, "must be an object with \"fr\" and \"en\" texts");
            }

            var obj = Object(element, path, LocalizedProperties);
            return new Localized(RequiredString(obj, "fr"), RequiredString(obj, "en"));
        }

        private PulseTemplateException Fail(string path, string problem) => new(sourceName, path, problem);

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private readonly record struct ObjectElement(JsonElement Element, string Path)
        {
            public string PathOf(string name) => Join(Path, name);
        }
    }
}
