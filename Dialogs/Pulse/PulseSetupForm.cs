using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>
/// What the configuration form sent, read against the template: the choice, and whether it holds no condition (then
/// nothing opens and the form comes back with what was chosen).
/// </summary>
public sealed record PulseSetupRead(PulseTemplateChoice Choice, bool NoCondition);

/// <summary>The configuration form of <c>pulse configurer</c>, both ways: the card's model from a choice, and a choice from the card's inputs.</summary>
public static class PulseSetupForm
{
    /// <summary>
    /// Reads the form's inputs. A step is chosen when its toggle says <c>"true"</c>; toggles of steps the template does not
    /// hold are ignored. The profile toggle and the duration keep <paramref name="current"/>'s value when absent or not
    /// readable (a duration outside <see cref="PulseDuration.Minimum"/>..<see cref="PulseDuration.Maximum"/> is not).
    /// </summary>
    public static PulseSetupRead Read(PulseTemplate template, PulseTemplateChoice current, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(fields);
        var steps = template.Steps.Where(s => IsOn(fields, CardDataFields.SetupStepPrefix + s.Id) == true).ToList();
        var choice = current with
        {
            StepIds = [.. steps.Select(s => s.Id)],
            Profiles = IsOn(fields, CardDataFields.SetupProfiles) ?? current.Profiles,
            DurationHours = DurationHours(fields) ?? current.DurationHours,
        };
        return new PulseSetupRead(choice, NoCondition: !steps.Any(PulseTemplateChoice.IsCondition));
    }

    /// <summary>The form's model: the template's conditions and other steps as toggles, set as <paramref name="choice"/> says.</summary>
    public static PulseSetupCardModel Describe(PulseTemplate template, PulseTemplateChoice choice, Language language, bool noCondition = false)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(choice);
        var chosen = new HashSet<string>(choice.StepIds, StringComparer.Ordinal);
        PulseSetupToggle Toggle(PulseStep step) => new(step.Id, step.Title.For(language), chosen.Contains(step.Id));
        return new PulseSetupCardModel
        {
            Language = language,
            PulseTitle = template.Title.For(language),
            Conditions = [.. template.Steps.Where(PulseTemplateChoice.IsCondition).Select(Toggle)],
            OptionalSteps = [.. template.Steps.Where(s => !PulseTemplateChoice.IsCondition(s)).Select(Toggle)],
            Profiles = choice.Profiles,
            DurationHours = choice.DurationHours,
            NoCondition = noCondition,
        };
    }

    /// <summary><c>"true"</c> / <c>"false"</c> (as Teams sends a toggle), or a JSON boolean; null when absent or anything else.</summary>
    private static bool? IsOn(JsonObject fields, string name) => fields[name] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
        JsonValue value when value.TryGetValue(out string? text) => text.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        },
        _ => null,
    };

    private static int? DurationHours(JsonObject fields)
    {
        var text = fields[CardDataFields.SetupDuration] is JsonValue value && value.TryGetValue(out string? s) ? s : null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
        {
            return null;
        }

        var duration = TimeSpan.FromHours(hours);
        return duration >= PulseDuration.Minimum && duration <= PulseDuration.Maximum ? hours : null;
    }
}
