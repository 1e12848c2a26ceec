using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Summary;

/// <summary>
/// The summary card posted when a pulse closes. Every string is already localized; texts in <see cref="SummaryItem"/>
/// are user text (shown as typed, never Markdown). Built by <c>PulseSummaries.Describe</c>.
/// </summary>
public sealed record PulseSummaryCardModel
{
    public required Language Language { get; init; }

    /// <summary>"Synthèse du pouls".</summary>
    public required string Heading { get; init; }

    /// <summary>The template's title ("Pulse de la table de quartier").</summary>
    public required string PulseTitle { get; init; }

    /// <summary>"Du 3 au 10 novembre 2026".</summary>
    public required string Period { get; init; }

    /// <summary>"7 réponses sur 12 membres (58 %)".</summary>
    public required string Participation { get; init; }

    /// <summary>"Participation par profil (réponses / membres)"; shown only above <see cref="Profiles"/>.</summary>
    public string? ProfilesTitle { get; init; }

    /// <summary>One line per declared profile category ("Organisme communautaire", "3 / 5" or "moins de 3"); empty for none.</summary>
    public IReadOnlyList<ProfileParticipationLine> Profiles { get; init; } = [];

    /// <summary>In template order.</summary>
    public IReadOnlyList<SummarySection> Sections { get; init; } = [];

    /// <summary>
    /// A closed changes round's deepening: its pulse id, for the "Ajouter à la feuille de route" action (the roadmap
    /// checks the role on the click); null for any other pulse (no action).
    /// </summary>
    public string? RoadmapPulseId { get; init; }
}

/// <summary>A profile category's words and its cell, already localized.</summary>
public sealed record ProfileParticipationLine(string Profile, string Cell);

/// <summary>A part of the summary under its own title.</summary>
public abstract record SummarySection(string Title);

/// <summary>
/// A distribution (role clarity, continuum): one bar per row, then figures and the trend. <see cref="Rows"/> is null
/// when too few answered; <see cref="Notice"/> then says so.
/// </summary>
public sealed record DistributionSection(string Title) : SummarySection(Title)
{
    public IReadOnlyList<DistributionRow>? Rows { get; init; }

    /// <summary>"Pas assez de réponses pour afficher la répartition (minimum 3)."; null when shown.</summary>
    public string? Notice { get; init; }

    /// <summary>Lines such as "Moyenne : 3,4 / 5 · écart 1,1" or "Je ne sais pas : 2".</summary>
    public IReadOnlyList<string> Figures { get; init; } = [];

    /// <summary>"↑ +0,6 depuis le pouls précédent"; null when there is nothing to compare.</summary>
    public string? Trend { get; init; }

    /// <summary>
    /// Role clarity's mean by role group ("Direction / coordination", "3,4 / 5 (4 réponses)"), shown under "Moyenne par
    /// groupe" only when every group reached k; empty otherwise, with no hint of a smaller group.
    /// </summary>
    public IReadOnlyList<GroupFigure> ByGroup { get; init; } = [];
}

/// <summary>A group's words and its figure, already localized.</summary>
public sealed record GroupFigure(string Group, string Figure);

/// <summary>One bar: label (template text), count and the total the bar is a share of.</summary>
public sealed record DistributionRow(string Label, int Count, int Total);

/// <summary>Free texts in groups (per condition: "Freins", "Leviers"; or the changes by direction).</summary>
public sealed record TextListsSection(string Title) : SummarySection(Title)
{
    public IReadOnlyList<SummaryGroup> Groups { get; init; } = [];

    /// <summary>Shown when no group has any item ("Aucun frein ni levier nommé.").</summary>
    public required string EmptyText { get; init; }
}

/// <summary>A condition (or null title for a single group) and its lists.</summary>
public sealed record SummaryGroup(string? Title, IReadOnlyList<SummaryList> Lists);

/// <summary>
/// "Freins" and its items; <see cref="EmptyText"/> when there are none ("Aucun frein nommé."). A list kept in bounded
/// form holds only the items the card can show; <see cref="HiddenItems"/> and <see cref="HiddenCharacters"/> say how many
/// more there are and how long their texts are, so the card shares its space and counts "… et 12 autres" as with the whole list.
/// </summary>
public sealed record SummaryList(string Heading, IReadOnlyList<SummaryItem> Items, string EmptyText)
{
    /// <summary>Items of the whole list that <see cref="Items"/> leaves out.</summary>
    public int HiddenItems { get; init; }

    /// <summary>The length of those items' texts, in UTF-16 code units.</summary>
    public long HiddenCharacters { get; init; }
}

/// <summary>User text and how many answers gave it (shown "×2" when more than one).</summary>
public sealed record SummaryItem(string Text, int Count);
