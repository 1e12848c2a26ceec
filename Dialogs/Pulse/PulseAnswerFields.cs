using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>
/// One respondent's answers as the flat fields of one storage entity. These names are stored property names, a stable
/// API: for a step with id <c>s</c> (ids are letters and digits only, so the suffixes never collide) —
/// <list type="bullet">
/// <item>rating: <c>s</c> (int) or <c>s_dontKnow</c> (bool true);</item>
/// <item>freinLevier: <c>s_frein</c>, <c>s_levier</c> (string);</item>
/// <item>choice: <c>s</c> (string, the option id);</item>
/// <item>change: <c>s_text</c> (string), <c>s_direction</c> ("positive" or "negative");</item>
/// <item>deepening: <c>s_facilitant</c>, <c>s_ecueil</c>, <c>s_souhait</c> (string).</item>
/// </list>
/// Only answered fields are present; a skipped step has none.
/// </summary>
public static class PulseAnswerFields
{
    public const string DontKnowSuffix = "_dontKnow";
    public const string FreinSuffix = "_frein";
    public const string LevierSuffix = "_levier";
    public const string TextSuffix = "_text";
    public const string DirectionSuffix = "_direction";
    public const string FacilitantSuffix = "_facilitant";
    public const string EcueilSuffix = "_ecueil";
    public const string SouhaitSuffix = "_souhait";

    public static IReadOnlyDictionary<string, object> ToFields(PulseTemplate template, IReadOnlyDictionary<string, StepAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var step in template.Steps)
        {
            if (!answers.TryGetValue(step.Id, out var answer))
            {
                continue;
            }

            switch (step)
            {
                case RatingStep:
                    if (answer.DontKnow)
                    {
                        fields[step.Id + DontKnowSuffix] = true;
                    }
                    else if (answer.Rating is { } rating)
                    {
                        fields[step.Id] = rating;
                    }

                    break;
                case ChoiceStep:
                    Add(fields, step.Id, answer.Choice);
                    break;
                case ChangeStep:
                    Add(fields, step.Id + TextSuffix, answer.Text);
                    Add(fields, step.Id + DirectionSuffix, answer.Direction);
                    break;
                case DeepeningStep:
                    Add(fields, step.Id + FacilitantSuffix, answer.Facilitant);
                    Add(fields, step.Id + EcueilSuffix, answer.Ecueil);
                    Add(fields, step.Id + SouhaitSuffix, answer.Souhait);
                    break;
                default:
                    Add(fields, step.Id + FreinSuffix, answer.Frein);
                    Add(fields, step.Id + LevierSuffix, answer.Levier);
                    break;
            }
        }

        return fields;
    }

    /// <summary>The answers back from stored fields; missing, null or unreadable fields are simply unanswered.</summary>
    public static ImmutableDictionary<string, StepAnswer> FromFields(PulseTemplate template, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        var answers = ImmutableDictionary.CreateBuilder<string, StepAnswer>(StringComparer.Ordinal);
        foreach (var step in template.Steps)
        {
            var answer = step switch
            {
                RatingStep => AsBool(Get(fields, step.Id + DontKnowSuffix)) == true
                    ? new StepAnswer { DontKnow = true }
                    : new StepAnswer { Rating = AsInt(Get(fields, step.Id)) },
                ChoiceStep => new StepAnswer { Choice = AsString(Get(fields, step.Id)) },
                ChangeStep => new StepAnswer
                {
                    Text = AsString(Get(fields, step.Id + TextSuffix)),
                    Direction = AsString(Get(fields, step.Id + DirectionSuffix)),
                },
                DeepeningStep => new StepAnswer
                {
                    Facilitant = AsString(Get(fields, step.Id + FacilitantSuffix)),
                    Ecueil = AsString(Get(fields, step.Id + EcueilSuffix)),
                    Souhait = AsString(Get(fields, step.Id + SouhaitSuffix)),
                },
                _ => new StepAnswer
                {
                    Frein = AsString(Get(fields, step.Id + FreinSuffix)),
                    Levier = AsString(Get(fields, step.Id + LevierSuffix)),
                },
            };
            if (!answer.IsEmpty)
            {
                answers[step.Id] = answer;
            }
        }

        return answers.ToImmutable();
    }

    private static void Add(Dictionary<string, object> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[name] = value;
        }
    }

    private static object? Get(IReadOnlyDictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value : null;

    private static string? AsString(object? value) => value switch
    {
        string { Length: > 0 } text => text,
        JsonElement { ValueKind: JsonValueKind.String } element when element.GetString() is { Length: > 0 } text => text,
        _ => null,
    };

    private static int? AsInt(object? value) => value switch
    {
        int number => number,
        long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
        double number when number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
        string text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out var parsed) => parsed,
        _ => null,
    };

    private static bool? AsBool(object? value) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text, out var parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
