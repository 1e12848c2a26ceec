using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// The template a stored pulse asks: the default template with only the steps chosen when it opened
/// (<see cref="PulseRecord.TemplateSteps"/>; every step for a pulse opened without a choice), or, for a changes round's
/// deepening, the template generated from the categories stored on it (<see cref="DeepeningTemplate"/>). Its dialog, its
/// summary and its trend are built from this, so a condition the pulse did not ask is never shown or compared.
/// </summary>
public static class PulseRecordTemplate
{
    /// <summary>Separates the categories of <see cref="PulseRecord.DeepeningCategories"/> (a category name is one line).</summary>
    public const char CategorySeparator = '\n';

    public static PulseTemplate Of(PulseRecord pulse)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        return pulse.IsDeepening
            ? DeepeningTemplate.Build(Categories(pulse), PulseTemplates.Default.MaxTextLength)
            : PulseTemplateChoice.Select(PulseTemplates.Default, pulse.TemplateSteps);
    }

    /// <summary>The categories a deepening pulse asks about, in order (none for another pulse).</summary>
    public static IReadOnlyList<string> Categories(PulseRecord pulse)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        return pulse.DeepeningCategories is { Length: > 0 } stored
            ? [.. stored.Split(CategorySeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(DeepeningTemplate.MaxCategories)]
            : [];
    }

    /// <summary>What <see cref="PulseRecord.DeepeningCategories"/> stores for <paramref name="categories"/>.</summary>
    public static string CategoriesCode(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return string.Join(CategorySeparator, categories.Select(c => c.Trim()));
    }
}
