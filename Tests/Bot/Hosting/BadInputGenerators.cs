using FsCheck;
using FsCheck.Fluent;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>What an edit does to the node it lands on.</summary>
internal enum EditKind
{
    Delete,
    Replace,
    WrapInArray,
    AddField,
}

/// <summary>The kinds of value an edit can put in place.</summary>
internal enum ValueKind
{
    Integer,
    ExtremeNumber,
    Boolean,
    Null,
    EmptyArray,
    EmptyObject,
    Text,
    HugeText,
    NestedArrays,
    RawJson,
    RawBytes,
}

/// <summary>A generated value: its kind, its text (for text, numbers, raw fragments) and its size (huge text, nesting depth).</summary>
internal sealed record GeneratedValue(ValueKind Kind, string Text, int Size);

/// <summary>One edit: where (an index into the tree's nodes, taken modulo their count), what, and with which value.</summary>
internal sealed record Edit(int Target, EditKind Kind, GeneratedValue Value);

/// <summary>A generated bad request body and how it was made, printed in full (cut to a readable length) on failure.</summary>
internal sealed record GeneratedBody(string Recipe, byte[] Bytes)
{
    public override string ToString() =>
        $"{Recipe}\nbody ({Bytes.Length} bytes): {BadInputHost.Describe(Encoding.UTF8.GetString(Bytes))}";
}

/// <summary>
/// FsCheck generators of malformed activities: valid templates changed by random edits (delete a field, change its
/// type, huge or odd unicode strings, deep nesting, raw invalid bytes), and byte garbage (random bytes, JSON token
/// soup, a valid activity with bytes flipped, cut or inserted).
/// </summary>
internal static class BadInputGenerators
{
    private static readonly string[] TextPieces =
    [
        "a", "é", "ß", "日本", "🙂", "\u200B", "\u202E", "\u00A0", "\uFEFF", "\uFFFD", "<at>ConcertationBot</at>", "**", "[x](javascript:alert(1))",
        "\"", "\\", "\n", "\r", "\t", "'", "%00", "../", "aide", "vote", "pulse", "démarrer", "fermer", " ", ";messageid=1", "{{x}}", "$(x)",
        "0", "-1", "NaN", ",", ";", ":", "#", "?", "/",
    ];

    private static readonly string[] ExtremeNumbers =
    [
        "0", "-0", "1e400", "-1e400", "1.7976931348623157e308", "4.9e-324", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "0.000000000000000000001", "2147483648", "-1", "1.5",
    ];

    private static readonly string[] RawJsonFragments =
    [
        "\"\\ud800\"", "\"\\udfff\"", "\"x\\u0000y\"", "\"\\ud800\\u0041\"", "[[[[[]]]]]", "{\"\":{}}", "[null,null]", "\"\\uFFFF\"",
        "{\"type\":\"message\"}", "{\"id\":{\"id\":{\"id\":1}}}",
    ];

    private static readonly byte[][] RawByteFragments =
    [
        [0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0xE2, 0x82],
    ];

    private static readonly string[] JsonTokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", "\"type\"", "\"message\"", "\"invoke\"", "\"conversation\"", "\"id\"", "\"from\"", "\"serviceUrl\"",
        "\"http://127.0.0.1:9/\"", "null", "true", "false", "0", "-1e400", "\\u", "\\ud800", " ", "\n", "\"value\"", "\"action\"", "\"verb\"",
        "\"vote.cast\"", "\"pulse.next\"", "\"name\"", "\"adaptiveCard/action\"",
    ];

    public static Gen<GeneratedValue> Values() =>
        Gen.Frequency(
            (3, Gen.Choose(-1000, 1000).Select(n => new GeneratedValue(ValueKind.Integer, n.ToString(CultureInfo.InvariantCulture), 0))),
            (2, Gen.Elements(ExtremeNumbers).Select(n => new GeneratedValue(ValueKind.ExtremeNumber, n, 0))),
            (2, Gen.Elements("true", "false").Select(b => new GeneratedValue(ValueKind.Boolean, b, 0))),
            (3, Gen.Constant(new GeneratedValue(ValueKind.Null, string.Empty, 0))),
            (1, Gen.Constant(new GeneratedValue(ValueKind.EmptyArray, string.Empty, 0))),
            (1, Gen.Constant(new GeneratedValue(ValueKind.EmptyObject, string.Empty, 0))),
            (5, Texts().Select(t => new GeneratedValue(ValueKind.Text, t, 0))),
            (1, Gen.Choose(1_000, 200_000).Select(n => new GeneratedValue(ValueKind.HugeText, string.Empty, n))),
            (1, Gen.Choose(2, 5_000).Select(n => new GeneratedValue(ValueKind.NestedArrays, string.Empty, n))),
            (2, Gen.Elements(RawJsonFragments).Select(f => new GeneratedValue(ValueKind.RawJson, f, 0))),
            (2, Gen.Choose(0, RawByteFragments.Length - 1).Select(i => new GeneratedValue(ValueKind.RawBytes, string.Empty, i))));

    public static Gen<Edit> Edits() =>
        from target in Gen.Choose(0, 10_000)
        from kind in Gen.Frequency((3, Gen.Constant(EditKind.Delete)), (6, Gen.Constant(EditKind.Replace)), (1, Gen.Constant(EditKind.WrapInArray)), (1, Gen.Constant(EditKind.AddField)))
        from value in Values()
        select new Edit(target, kind, value);

    /// <summary>A template (by index) with one to four edits applied.</summary>
    public static Gen<GeneratedBody> MutatedActivities(IReadOnlyList<(string Name, JsonObject Activity)> templates) =>
        from template in Gen.Choose(0, templates.Count - 1)
        from count in Gen.Choose(1, 4)
        from edits in Gen.ArrayOf(Edits(), count)
        select Apply(templates[template].Name, templates[template].Activity, edits);

    /// <summary>Random bytes, JSON token soup, or a valid activity whose bytes were flipped, cut or added to.</summary>
    public static Gen<GeneratedBody> Garbage(IReadOnlyList<(string Name, JsonObject Activity)> templates) =>
        Gen.Frequency(
            (2, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => new GeneratedBody("random bytes", bytes))),
            (3, Gen.ListOf(Gen.Elements(JsonTokens)).Select(tokens => new GeneratedBody("JSON token soup", Encoding.UTF8.GetBytes(string.Concat(tokens))))),
            (5, from template in Gen.Choose(0, templates.Count - 1)
                from changes in Gen.NonEmptyListOf(Gen.Zip(Gen.Choose(0, 100_000), Gen.Choose(0, 255)).Zip(Gen.Choose(0, 2)))
                select Damage(templates[template].Name, templates[template].Activity, changes)));

    private static Gen<string> Texts() =>
        Gen.Frequency(
            (3, Gen.ListOf(Gen.Elements(TextPieces)).Select(string.Concat)),
            (1, Gen.ListOf(Gen.Choose(1, 0xFFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => (char)c)).Select(chars => new string([.. chars]))));

    private static GeneratedBody Apply(string name, JsonObject template, Edit[] edits)
    {
        var activity = template.DeepClone().AsObject();
        activity["id"] = Guid.NewGuid().ToString("N");
        var raw = new List<byte[]>();
        var recipe = new StringBuilder($"template {name}");
        foreach (var edit in edits)
        {
            var slots = Slots(activity);
            var (parent, key, index) = slots[edit.Target % slots.Count];
            var takesValue = edit.Kind is EditKind.Replace or EditKind.AddField || (edit.Kind == EditKind.Delete && parent is not JsonObject and not JsonArray);
            var value = takesValue ? Materialize(edit.Value, raw) : null;
            recipe.Append(CultureInfo.InvariantCulture, $"; {edit.Kind} {PathOf(parent, key, index)}{(takesValue ? " with " + Show(edit.Value) : string.Empty)}");
            switch (edit.Kind)
            {
                case EditKind.Delete when parent is JsonObject obj:
                    obj.Remove(key!);
                    break;
                case EditKind.Delete when parent is JsonArray array:
                    array.RemoveAt(index);
                    break;
                case EditKind.Replace or EditKind.Delete:
                    Put(parent, key, index, value);
                    break;
                case EditKind.WrapInArray:
                    var current = Get(parent, key, index);
                    Put(parent, key, index, new JsonArray(current?.DeepClone(), current?.DeepClone()));
                    break;
                case EditKind.AddField:
                    var target = Get(parent, key, index) as JsonObject ?? activity;
                    target["x" + edit.Target.ToString(CultureInfo.InvariantCulture)] = value;
                    break;
            }
        }

        var json = Encoding.UTF8.GetBytes(activity.ToJsonString());
        return new GeneratedBody(recipe.ToString(), Splice(json, raw));
    }

    private static GeneratedBody Damage(string name, JsonObject template, List<((int Position, int Byte), int Kind)> changes)
    {
        var activity = template.DeepClone().AsObject();
        activity["id"] = Guid.NewGuid().ToString("N");
        var bytes = Encoding.UTF8.GetBytes(activity.ToJsonString()).ToList();
        var recipe = new StringBuilder($"template {name} damaged");
        foreach (var ((position, value), kind) in changes)
        {
            var at = position % Math.Max(1, bytes.Count);
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)value;
                    recipe.Append(CultureInfo.InvariantCulture, $"; byte {at} := 0x{value:X2}");
                    break;
                case 1:
                    bytes.Insert(at, (byte)value);
                    recipe.Append(CultureInfo.InvariantCulture, $"; insert 0x{value:X2} at {at}");
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    recipe.Append(CultureInfo.InvariantCulture, $"; cut at {at}");
                    break;
            }
        }

        return new GeneratedBody(recipe.ToString(), [.. bytes]);
    }

    /// <summary>Every place a node sits in the tree (parent and key or index), the root's own fields first.</summary>
    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonObject root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        Walk(root);
        return slots.Count > 0 ? slots : [(root, "type", -1)];

        void Walk(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (key, child) in obj.ToList())
                {
                    slots.Add((obj, key, -1));
                    if (child is not null)
                    {
                        Walk(child);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Walk(child);
                    }
                }
            }
        }
    }

    private static JsonNode? Get(JsonNode parent, string? key, int index) =>
        parent is JsonObject obj ? obj[key!] : parent.AsArray()[index];

    private static void Put(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            parent.AsArray()[index] = value;
        }
    }

    private static string PathOf(JsonNode parent, string? key, int index) =>
        $"{parent.GetPath()}{(key is null ? $"[{index.ToString(CultureInfo.InvariantCulture)}]" : "." + key)}";

    private static string Show(GeneratedValue value) => value.Kind switch
    {
        ValueKind.HugeText => $"huge text ({value.Size} chars)",
        ValueKind.NestedArrays => $"arrays nested {value.Size} deep",
        ValueKind.RawBytes => $"raw bytes {Convert.ToHexString(RawByteFragments[value.Size])}",
        ValueKind.Text => $"text {JsonSerializer.Serialize(value.Text.Length > 60 ? value.Text[..60] : value.Text)}",
        _ => $"{value.Kind} {value.Text}",
    };

    /// <summary>The value as a node; raw fragments become placeholders spliced in after serialization.</summary>
    private static JsonNode? Materialize(GeneratedValue value, List<byte[]> raw)
    {
        switch (value.Kind)
        {
            case ValueKind.Integer or ValueKind.ExtremeNumber or ValueKind.Boolean:
                return Placeholder(Encoding.ASCII.GetBytes(value.Text));
            case ValueKind.Null:
                return null;
            case ValueKind.EmptyArray:
                return new JsonArray();
            case ValueKind.EmptyObject:
                return new JsonObject();
            case ValueKind.Text:
                return value.Text;
            case ValueKind.HugeText:
                return new string(value.Size % 2 == 0 ? 'x' : 'é', value.Size);
            case ValueKind.NestedArrays:
                return Placeholder(Encoding.ASCII.GetBytes(new string('[', value.Size) + new string(']', value.Size)));
            case ValueKind.RawJson:
                return Placeholder(Encoding.UTF8.GetBytes(value.Text));
            default:
                return Placeholder([(byte)'"', .. RawByteFragments[value.Size], (byte)'"']);
        }

        JsonNode Placeholder(byte[] fragment)
        {
            raw.Add(fragment);
            return $"@@RAW{(raw.Count - 1).ToString(CultureInfo.InvariantCulture)}@@";
        }
    }

    /// <summary>Replaces each quoted placeholder <c>"@@RAWn@@"</c> with its raw fragment.</summary>
    private static byte[] Splice(byte[] json, List<byte[]> raw)
    {
        var result = json;
        for (var i = 0; i < raw.Count; i++)
        {
            var marker = Encoding.ASCII.GetBytes($"\"@@RAW{i.ToString(CultureInfo.InvariantCulture)}@@\"");
            var at = result.AsSpan().IndexOf(marker);
            if (at >= 0)
            {
                result = [.. result.AsSpan(0, at), .. raw[i], .. result.AsSpan(at + marker.Length)];
            }
        }

        return result;
    }
}
