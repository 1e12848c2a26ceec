using ConcertationBot.Tests.Dialogs.Pulse;

namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>
/// The review of the default pulse built the way the bot builds it: the dialog is walked with real actions, then
/// <see cref="PulseViews"/> describes the review and <see cref="PulseReviewCard"/> draws it.
/// </summary>
internal static class PulseReviewFixtures
{
    public static readonly string[] Conditions = ["agenda", "mesures", "activites", "communication", "soutien"];

    /// <summary>Distinct text of exactly <paramref name="length"/> characters made of words (the fixture's long French).</summary>
    public static string Text(string seed, int length)
    {
        var words = $"{seed} : {PulseFixtures.LongFrench} {PulseFixtures.LongFrench}";
        var text = words[..length];
        return char.IsWhiteSpace(text[^1]) || char.IsHighSurrogate(text[^1]) ? text[..^1] + "." : text;
    }

    /// <summary>Every step of the default template answered, each free text <paramref name="textLength"/> characters long; ends on the review.</summary>
    public static PulseScript AnsweredDefault(int textLength)
    {
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, "4"));
        foreach (var condition in Conditions)
        {
            script.Next((PulseInputIds.Frein, Text("frein " + condition, textLength)), (PulseInputIds.Levier, Text("levier " + condition, textLength)));
        }

        script.Next((PulseInputIds.Choice, "coordination"));
        script.Next((PulseInputIds.ChangeText, Text("changement", textLength)), (PulseInputIds.Direction, PulseInputIds.Positive));
        return script;
    }

    /// <summary>Every step of the default template skipped; ends on the review.</summary>
    public static PulseScript SkippedDefault()
    {
        var script = new PulseScript();
        while (script.State.Position == PulsePosition.Step)
        {
            script.Skip();
        }

        return script;
    }

    public static PulseReviewCardModel Review(PulseScript script, Language language = Language.French) =>
        Assert.IsType<PulseReviewCardModel>(PulseViews.Describe(script.Template, script.State, PulseFixtures.View(language)));

    /// <summary>A review of one frein/levier section with these two values.</summary>
    public static PulseReviewCardModel OneSection(string? frein, string? levier) => PulseFixtures.Review(Language.French) with
    {
        Sections = [new("agenda", "Agenda partagé", [new("Frein", frein), new("Levier", levier)])],
    };

    /// <summary>The section containers of a review card, in order (the body's separated containers).</summary>
    public static List<JsonObject> SectionContainers(JsonNode card) =>
        [.. card["body"]!.AsArray().OfType<JsonObject>().Where(e => (string?)e["type"] == "Container")];

    /// <summary>Every typed object of the body: elements, columns, runs and actions; what a renderer lays out.</summary>
    public static int BodyElementCount(JsonNode card) => CardJson.Objects(card["body"]!).Count(o => o["type"] is not null);
}
