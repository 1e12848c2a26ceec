using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>
/// One voter's ballot form (their own view): the question, what to do, and the inputs — radio buttons for a single
/// choice, check boxes for top-N, one number per option for dot voting — pre-filled with their current ballot.
/// A dot-voting form always sends every field ("0" for none), so an untouched form arrives as all zeros.
/// </summary>
public static partial class VoteBallotCard
{
    public static AdaptiveCard Build(VoteBallotCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement>
        {
            VoteCardParts.Kicker(Kicker.For(language)),
            CardBlocks.Heading(CardText.Inert(model.Question), TextSize.Medium),
            new TextBlock { Text = VoteCardParts.Rules(language, model.Rules), Spacing = CardSpacing.Small, IsSubtle = true },
            CardBlocks.Paragraph(Instruction(language, model.Rules)),
        };
        if (!string.IsNullOrWhiteSpace(model.Notice))
        {
            body.Add(VoteCardParts.Attention(model.Notice));
        }

        body.AddRange(Inputs(language, model));
        body.Add(new TextBlock
        {
            Text = (model.Rules.HiddenResults ? VoteCardParts.HiddenUntilClose.For(language) + ". " : string.Empty) + AnonymousNote.For(language),
            Size = TextSize.Small,
            IsSubtle = true,
            Spacing = CardSpacing.Medium,
        });

        return new AdaptiveCard
        {
            FallbackText = model.Question,
            Body = body,
            Actions =
            [
                new ExecuteAction
                {
                    Title = (model.HasVoted ? Change : Send).For(language),
                    Verb = CardVerbs.VoteCast,
                    Data = VoteCardParts.Data(model.VoteId),
                    AssociatedInputs = "auto",
                    Style = ActionStyle.Positive,
                },
            ],
            Refresh = VoteCardParts.OpenRefresh(language, model.VoteId, [model.UserId]),
        };
    }

    private static string Instruction(Language language, VoteCardRules rules) => rules.Mode switch
    {
        VoteCardMode.Single => ChooseOne.For(language),
        VoteCardMode.TopN when rules.Limit == 1 => ChooseAtMostOne.For(language),
        VoteCardMode.TopN => ChooseUpTo.Format(language, VoteCardParts.Number(rules.Limit)),
        VoteCardMode.Points when rules.Limit == 1 => GiveOnePoint.For(language),
        VoteCardMode.Points => SpreadPoints.Format(language, VoteCardParts.Number(rules.Limit)),
        _ => throw new ArgumentOutOfRangeException(nameof(rules), rules.Mode, "Unknown vote mode."),
    };

    private static IEnumerable<InputElement> Inputs(Language language, VoteBallotCardModel model)
    {
        var chosen = Enumerable.Range(0, model.Options.Count).Where(i => PointsAt(model, i) > 0).ToList();
        switch (model.Rules.Mode)
        {
            case VoteCardMode.Single:
                yield return new ChoiceSetInput
                {
                    Id = VoteInputIds.Choice,
                    Label = ChoiceLabel.For(language),
                    Style = ChoiceSetStyle.Expanded,
                    Spacing = CardSpacing.Medium,
                    Choices = Choices(model.Options),
                    Value = chosen.Count > 0 ? VoteCardParts.Number(chosen[0]) : null,
                    IsRequired = true,
                    ErrorMessage = ChooseOne.For(language),
                };
                break;
            case VoteCardMode.TopN:
                yield return new ChoiceSetInput
                {
                    Id = VoteInputIds.Choices,
                    Label = ChoicesLabel.For(language),
                    Style = ChoiceSetStyle.Expanded,
                    IsMultiSelect = true,
                    Spacing = CardSpacing.Medium,
                    Choices = Choices(model.Options),
                    Value = chosen.Count > 0 ? string.Join(',', chosen.Select(VoteCardParts.Number)) : null,
                    IsRequired = true,
                    ErrorMessage = ChooseAtLeastOne.For(language),
                };
                break;
            case VoteCardMode.Points:
                for (var i = 0; i < model.Options.Count; i++)
                {
                    // Every field starts at a number (0 when none): the official renderer treats an empty field
                    // with min/max as invalid and would refuse to send the ballot.
                    yield return new NumberInput
                    {
                        Id = VoteInputIds.Points(i),
                        Label = model.Options[i],
                        Min = 0,
                        Max = model.Rules.Limit,
                        Value = PointsAt(model, i),
                        Placeholder = "0",
                        ErrorMessage = PointsRange.Format(language, VoteCardParts.Number(model.Rules.Limit)),
                        Spacing = i == 0 ? CardSpacing.Medium : CardSpacing.Small,
                    };
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(model), model.Rules.Mode, "Unknown vote mode.");
        }
    }

    /// <summary>Choice titles are shown as plain text by the clients, so options go there as typed.</summary>
    private static List<Choice> Choices(IReadOnlyList<string> options) =>
        [.. options.Select((option, index) => new Choice(option, VoteCardParts.Number(index)))];

    private static int PointsAt(VoteBallotCardModel model, int index) =>
        model.Current is { } current && index < current.Count ? current[index] : 0;
}
