using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>Pieces the pulse cards share: action data, refresh, the respondent's answers shown inertly.</summary>
internal static partial class PulseCardParts
{
    /// <summary><c>{pulseId}</c>: the data of <see cref="CardVerbs.PulseOpen"/>.</summary>
    public static JsonObject OpenData(string pulseId, string? conversationId = null)
    {
        var data = new JsonObject { [CardDataFields.PulseId] = pulseId };
        if (conversationId is not null)
        {
            data[CardDataFields.ConversationId] = conversationId;
        }

        return data;
    }

    /// <summary><c>{pulseId, step?, rev}</c>: the data of every action of a respondent's own view.</summary>
    public static JsonObject RespondentData(PulseRespondentView view, string? stepId = null)
    {
        var data = OpenData(view.PulseId, view.ConversationId);
        if (stepId is not null)
        {
            data[CardDataFields.Step] = stepId;
        }

        data[CardDataFields.Revision] = view.Revision;
        return data;
    }

    /// <summary>Refresh into the user's own view (<see cref="CardVerbs.PulseOpen"/>) for at most <see cref="CardRefresh.MaxUserIds"/> users; null for none.</summary>
    public static CardRefresh? OpenRefresh(Language language, string pulseId, IReadOnlyList<string> userIds, string? conversationId = null) =>
        userIds.Count == 0
            ? null
            : new CardRefresh
            {
                Action = new ExecuteAction { Title = RefreshTitle.For(language), Verb = CardVerbs.PulseOpen, Data = OpenData(pulseId, conversationId) },
                UserIds = [.. userIds.Take(CardRefresh.MaxUserIds)],
            };

    /// <summary>The refresh of a respondent's own view: only that user.</summary>
    public static CardRefresh RespondentRefresh(PulseRespondentView view) =>
        OpenRefresh(view.Language, view.PulseId, [view.UserId], view.ConversationId)!;

    /// <summary>"Étape 2 sur 8 · Title"-style small line above a respondent card.</summary>
    public static TextBlock Kicker(string text) =>
        new() { Text = text, Size = TextSize.Small, IsSubtle = true, Weight = TextWeight.Bolder };

    /// <summary>
    /// One section of answers: its title, then one line per answer, label in bold and the value as plain runs
    /// (a <see cref="RichTextBlock"/> never reads Markdown, so user text shows exactly as typed).
    /// With <paramref name="shortenTo"/>, a longer answer shows its beginning and "…" (see <see cref="Shorten"/>).
    /// </summary>
    public static Container Section(Language language, PulseAnswerSection section, ActionSet? edit, bool editBesideTitle = false, int? shortenTo = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var title = new TextBlock { Text = section.Title, Weight = TextWeight.Bolder };
        var items = new List<CardElement>();
        if (edit is not null && editBesideTitle)
        {
            // Phone width: the section's one "Modifier" sits on its title's line, not on a line of its own.
            items.Add(new ColumnSet
            {
                Columns =
                [
                    new Column { Width = "stretch", Items = [title], VerticalContentAlignment = VerticalAlignment.Center },
                    new Column { Width = "auto", Items = [edit with { Spacing = null }], VerticalContentAlignment = VerticalAlignment.Center },
                ],
            });
            edit = null;
        }
        else
        {
            items.Add(title);
        }
        if (section.Lines.Count > 1 && section.Lines.All(line => line.Value is null))
        {
            // A wholly skipped step reads as one "Sans réponse" line, not one per field: the review stays short on a phone.
            items.Add(new RichTextBlock { Spacing = CardSpacing.Small, Inlines = [new TextRun { Text = Skipped.For(language), IsSubtle = true, Italic = true }] });
        }
        else
        {
            AddLines(items, language, section.Lines, shortenTo);
        }

        if (edit is not null)
        {
            items.Add(edit);
        }

        return new Container { Items = items, Separator = true, Spacing = CardSpacing.Medium };
    }

    private static void AddLines(List<CardElement> items, Language language, IReadOnlyList<PulseAnswerLine> lines, int? shortenTo)
    {
        foreach (var line in lines)
        {
            items.Add(new RichTextBlock
            {
                Spacing = CardSpacing.Small,
                Inlines =
                [
                    new TextRun { Text = line.Label + LabelSeparator.For(language), Weight = TextWeight.Bolder },
                    line.Value is null
                        ? new TextRun { Text = Skipped.For(language), IsSubtle = true, Italic = true }
                        : new TextRun { Text = shortenTo is { } length ? Shorten(line.Value, length) : line.Value },
                ],
            });
        }
    }

    /// <summary>
    /// <paramref name="text"/> when it has at most <paramref name="length"/> characters; else its beginning, cut after
    /// the last whole word that fits (or at <paramref name="length"/> when a single word is longer), then "…".
    /// A surrogate pair (an emoji) is never split.
    /// </summary>
    public static string Shorten(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        if (text.Length <= length)
        {
            return text;
        }

        // Room for the "…": the kept part has at most length - 1 characters.
        var end = length - 1;
        if (char.IsLowSurrogate(text[end]))
        {
            end--;
        }

        var space = text.LastIndexOf(' ', end);
        if (space > length / 2)
        {
            end = space;
        }

        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }
}
