using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;

namespace ConcertationBot.Load;

/// <summary>What a <c>vote.cast</c> invoke got back, as a voter would see it.</summary>
internal enum CastOutcome
{
    /// <summary>200 with the vote card showing the voter's own ballot (an <c>Action.Execute</c> to change it): acknowledged.</summary>
    Confirmed,

    /// <summary>200 with the try-again card (first body element <c>notice.tryAgain</c>).</summary>
    TryAgain,

    /// <summary>200 with the apology card (first body element <c>notice.apology</c>).</summary>
    Apology,

    /// <summary>200 with some other card (a ballot form, a closed vote, an expired notice).</summary>
    OtherCard,

    /// <summary>Not a 200 card answer: another status, no connection, no answer in time.</summary>
    NotAnswered,
}

/// <summary>Reads the bot's invoke answers and the cards it sends: outcome, retry action, vote scores.</summary>
internal static partial class FaultAnswers
{
    public const string TryAgainId = "notice.tryAgain";
    public const string ApologyId = "notice.apology";
    public const string RetryActionId = "notice.retry";

    public static CastOutcome Classify(BotAnswer answer)
    {
        if (answer.Status != 200 || InvokeCard(answer.Body) is not { } card)
        {
            return CastOutcome.NotAnswered;
        }

        var firstId = (card["body"] as JsonArray)?.FirstOrDefault()?["id"]?.GetValue<string>();
        if (firstId == TryAgainId)
        {
            return CastOutcome.TryAgain;
        }

        if (firstId == ApologyId)
        {
            return CastOutcome.Apology;
        }

        // The voter's own view: "Votre vote est enregistré" and "Modifier mon vote". The shared open card also offers
        // vote.open ("Voter"), and answering a refused ballot with it once read as a confirmation.
        var changesVote = (card["actions"] as JsonArray)?.Any(a => (string?)a?["type"] == "Action.Execute" && (string?)a?["verb"] == CardVerbs.VoteOpen) == true;
        var recorded = CardTexts.Of(card).Any(t => t == VoteCard.RecordedLine(Language.French) || t == VoteCard.RecordedLine(Language.English));
        return changesVote && recorded ? CastOutcome.Confirmed : CastOutcome.OtherCard;
    }

    /// <summary>Whether a body shows what a user must never see: exception type names or a stack trace.</summary>
    public static bool LeaksInternals(string body) =>
        body.Contains("Exception", StringComparison.Ordinal)
        || body.Contains("StackTrace", StringComparison.OrdinalIgnoreCase)
        || StackFrame().IsMatch(body);

    /// <summary>The verb and data of the try-again card's <c>notice.retry</c> action (what one click sends), or null.</summary>
    public static (string Verb, JsonObject Data)? RetryAction(BotAnswer answer)
    {
        var action = Find(InvokeCard(answer.Body), node => (string?)node["id"] == RetryActionId && (string?)node["type"] == "Action.Execute");
        return action?["verb"]?.GetValue<string>() is { } verb && action["data"] is JsonObject data
            ? (verb, (JsonObject)data.DeepClone())
            : null;
    }

    /// <summary>The Adaptive Card of an invoke answer <c>{statusCode:200, type:…card.adaptive, value:card}</c>, or null.</summary>
    public static JsonObject? InvokeCard(string body)
    {
        var json = Parse(body);
        return (int?)json?["statusCode"] == 200 && (string?)json?["type"] == "application/vnd.microsoft.card.adaptive"
            ? json?["value"] as JsonObject
            : null;
    }

    /// <summary>The first Adaptive Card attachment of an activity the bot sent to the connector, or null.</summary>
    public static JsonObject? ActivityCard(string body) =>
        (Parse(body)?["attachments"] as JsonArray)?
            .FirstOrDefault(a => (string?)a?["contentType"] == "application/vnd.microsoft.card.adaptive")?["content"] as JsonObject;

    /// <summary>
    /// The participation and per-option scores a vote card shows: the separated container holds one container per option
    /// (the option's name last in its rich text, then "bar N points"); the text block before it holds "N votes".
    /// Null when the card is not a vote card with scores for exactly these options.
    /// </summary>
    public static VoteCardScores? Scores(JsonObject? card, IReadOnlyList<string> options)
    {
        if (card?["body"] is not JsonArray body)
        {
            return null;
        }

        for (var i = 1; i < body.Count; i++)
        {
            if (body[i] is not JsonObject { } container || (string?)container["type"] != "Container" || container["items"] is not JsonArray lines || lines.Count != options.Count)
            {
                continue;
            }

            var scores = new int[options.Count];
            var ok = true;
            foreach (var line in lines)
            {
                var items = line?["items"] as JsonArray;
                var name = (items?.FirstOrDefault()?["inlines"] as JsonArray)?.LastOrDefault()?["text"]?.GetValue<string>();
                var index = name is null ? -1 : IndexOf(options, name);
                var score = items is { Count: > 1 } ? FirstNumber(items[1]?["text"]?.GetValue<string>()) : null;
                if (index < 0 || score is null)
                {
                    ok = false;
                    break;
                }

                scores[index] = score.Value;
            }

            if (ok)
            {
                return new VoteCardScores(FirstNumber(body[i - 1]?["text"]?.GetValue<string>()) ?? 0, scores);
            }
        }

        return null;
    }

    /// <summary>The first whole number in a text, digit groups joined across spaces and no-break spaces.</summary>
    public static int? FirstNumber(string? text)
    {
        var match = text is null ? Match.Empty : Number().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var digits = new string([.. match.Value.Where(char.IsAsciiDigit)]);
        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static int IndexOf(IReadOnlyList<string> options, string name)
    {
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i], name.Trim(), StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonObject? Find(JsonNode? node, Func<JsonObject, bool> match) => node switch
    {
        JsonObject obj when match(obj) => obj,
        JsonObject obj => obj.Select(p => Find(p.Value, match)).FirstOrDefault(found => found is not null),
        JsonArray array => array.Select(item => Find(item, match)).FirstOrDefault(found => found is not null),
        _ => null,
    };

    private static JsonObject? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\d+(?:[\u00A0\u202F ]\d{3})*", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\n\s+at \S+\(", RegexOptions.CultureInvariant)]
    private static partial Regex StackFrame();
}

/// <summary>What a vote card shows: the number of ballots and each option's score, in the vote's order.</summary>
internal sealed record VoteCardScores(int Participation, IReadOnlyList<int> Scores)
{
    public bool Matches(int participation, IReadOnlyList<int> scores) => Participation == participation && Scores.SequenceEqual(scores);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Participation} ballots, scores {string.Join('/', Scores)}");
}
