using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;

namespace ConcertationBot.Load;

/// <summary>Reads the cards the bot answers invokes with, and clicks their actions the way a Teams client does.</summary>
internal static class AnswerCards
{
    /// <summary>The Adaptive Card of a 200 invoke response, or null when the answer is anything else.</summary>
    public static JsonObject? CardOf(BotAnswer answer)
    {
        if (answer.Status != 200)
        {
            return null;
        }

        try
        {
            var json = JsonNode.Parse(answer.Body);
            return (int?)json?["statusCode"] == 200 && (string?)json?["type"] == "application/vnd.microsoft.card.adaptive"
                ? json?["value"] as JsonObject
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A request or response body as JSON (an empty body as <c>{}</c>); null when it is not JSON.</summary>
    public static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body.Length == 0 ? "{}" : body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The first <c>Action.Execute</c> with this verb (and step, when given) outside the card's refresh.</summary>
    public static JsonObject? FindAction(JsonNode? node, string verb, string? step = null) => CardActions.Find(node, verb, step);

    /// <summary>
    /// What a Teams client sends for a click: the action's data, merged (unless the action says
    /// <c>associatedInputs: none</c>) with the card's input values, the respondent's own typing last.
    /// </summary>
    public static JsonObject DataOf(JsonObject card, JsonObject action, IReadOnlyDictionary<string, string>? typed)
    {
        var data = action["data"]?.DeepClone() as JsonObject ?? [];
        if ((string?)action["associatedInputs"] == "none")
        {
            return data;
        }

        foreach (var input in Inputs(card))
        {
            if ((string?)input["id"] is { Length: > 0 } id && input["value"] is JsonValue value)
            {
                data[id] = value.ToString();
            }
        }

        foreach (var (id, value) in typed ?? new Dictionary<string, string>())
        {
            data[id] = value;
        }

        return data;
    }

    /// <summary>
    /// "Passer" on the profile step a pulse offers once, before its first step, to someone who declared no profile: a
    /// <c>pulse.open</c> marked as offered that sends no inputs. Null on any other card.
    /// </summary>
    public static JsonObject? ProfileStepPass(JsonObject? card) =>
        card?["actions"] is JsonArray actions
            ? actions.OfType<JsonObject>().FirstOrDefault(a =>
                (string?)a["verb"] == CardVerbs.PulseOpen
                && (string?)a["associatedInputs"] == "none"
                && a["data"]?[CardDataFields.ProfileOffered] is not null)
            : null;

    /// <summary>The step a respondent card is on (from its Suivant or Passer action).</summary>
    public static string? StepOf(JsonObject card) =>
        (string?)(FindAction(card, CardVerbs.PulseNext) ?? FindAction(card, CardVerbs.PulseSkip))?["data"]?[CardDataFields.Step];

    /// <summary>The thank-you card: "Modifier mes réponses" (an edit without a step), nothing to send, no notice.</summary>
    public static bool IsThankYou(JsonObject? card) =>
        card is not null
        && FindAction(card, CardVerbs.PulseEdit) is { } edit && edit["data"]?[CardDataFields.Step] is null
        && FindAction(card, CardVerbs.PulseSubmit) is null
        && FindAction(card, CardVerbs.PulseNext) is null
        && !HasNotice(card);

    /// <summary>A try-again or apology card (first element id <c>notice.*</c>).</summary>
    public static bool HasNotice(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["id"] is { } id && id.StartsWith("notice.", StringComparison.Ordinal) => true,
        JsonObject obj => obj.Any(p => p.Key != "refresh" && HasNotice(p.Value)),
        JsonArray array => array.Any(HasNotice),
        _ => false,
    };

    private static IEnumerable<JsonObject> Inputs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["type"] is { } type && type.StartsWith("Input.", StringComparison.Ordinal))
                {
                    yield return obj;
                }

                foreach (var (key, value) in obj)
                {
                    if (key is "refresh" or "actions")
                    {
                        continue;
                    }

                    foreach (var input in Inputs(value))
                    {
                        yield return input;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var input in Inputs(item))
                    {
                        yield return input;
                    }
                }

                break;
        }
    }
}
