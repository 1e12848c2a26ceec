namespace ConcertationBot.Tests.Bot;

public sealed class FolderGraphTests
{
    private static FolderGraph.SourceFile File(string folder, string name, params string[] usings) =>
        new($"{folder}/{name}.cs", folder, string.Concat(usings.Select(u => $"using ConcertationBot.Bot.{u};\n")) + $"\nnamespace ConcertationBot.Bot.{folder};\n");

    [Fact]
    public void Violations_TheBotFolder_NoCycleAndNoCoreToFeatureArrow()
    {
        var files = FolderGraph.Read(RepositoryPaths.Combine("Bot"));

        var violations = FolderGraph.Violations(files, FolderGraph.Core);

        Assert.True(files.Count > 50, $"only {files.Count} files read under Bot/");
        Assert.Empty(violations);
    }

    [Fact]
    public void Violations_TheBotFolder_OnlyTheApplicationKnowsEveryFeature()
    {
        var edges = FolderGraph.Edges(FolderGraph.Read(RepositoryPaths.Combine("Bot")));

        Assert.DoesNotContain(edges, e => e.Value.Contains("Application") && e.Key != "(root)");
        Assert.Contains("Pulses", edges["Application"]);
        Assert.Contains("Votes", edges["Application"]);
    }

    [Fact]
    public void Edges_TheBotFolder_RencontresBuildsOnPulsesAndVotesWhichKnowOnlyTheKernelInterface()
    {
        var edges = FolderGraph.Edges(FolderGraph.Read(RepositoryPaths.Combine("Bot")));

        Assert.Contains("Rencontres", edges["Application"]);
        Assert.Contains("Pulses", edges["Rencontres"]);
        Assert.Contains("Votes", edges["Rencontres"]);
        Assert.DoesNotContain("Rencontres", edges["Pulses"]);
        Assert.DoesNotContain("Rencontres", edges["Votes"]);
        Assert.DoesNotContain("Rencontres", edges["Kernel"]);
    }

    [Fact]
    public void Edges_TheBotFolder_ExportsReadsRencontresWhichNeverReadsExports()
    {
        var edges = FolderGraph.Edges(FolderGraph.Read(RepositoryPaths.Combine("Bot")));

        Assert.Contains("Rencontres", edges["Exports"]);
        Assert.DoesNotContain("Exports", edges["Rencontres"]);
    }

    [Fact]
    public void Edges_TheBotFolder_ExportsReadsChangesWhichNeverReadsExports()
    {
        var edges = FolderGraph.Edges(FolderGraph.Read(RepositoryPaths.Combine("Bot")));

        Assert.Contains("Changes", edges["Exports"]);
        Assert.DoesNotContain("Exports", edges["Changes"]);
    }

    [Fact]
    public void Edges_TheBotFolder_ProfilesBuildsOnTheKernelAndCoreOnlyAndOnlyPulsesAndTheApplicationUseIt()
    {
        var edges = FolderGraph.Edges(FolderGraph.Read(RepositoryPaths.Combine("Bot")));

        Assert.Contains("Profiles", edges["Application"]);
        Assert.Contains("Profiles", edges["Pulses"]);
        Assert.Contains("Kernel", edges["Profiles"]);
        Assert.All(edges["Profiles"], to => Assert.Contains(to, (string[])["Kernel", "Protocol", "Routing", "Storage"]));
        Assert.DoesNotContain(edges, e => e.Value.Contains("Profiles") && e.Key is not ("Application" or "Pulses" or "Profiles"));
    }

    [Fact]
    public void Violations_ThreeFolderCycle_ReportsTheCycle()
    {
        FolderGraph.SourceFile[] files =
        [
            File("Pulses", "A", "Votes"),
            File("Votes", "B", "Exports"),
            File("Exports", "C", "Pulses", "Storage"),
            File("Storage", "D"),
        ];

        var violations = FolderGraph.Violations(files, FolderGraph.Core);

        var cycle = Assert.Single(violations);
        Assert.Equal("cycle: Exports -> Pulses -> Votes -> Exports", cycle);
    }

    [Fact]
    public void Violations_CoreUsesFeature_ReportsTheArrowEvenWithoutCycle()
    {
        FolderGraph.SourceFile[] files = [File("Routing", "A", "Protocol", "Coordination"), File("Coordination", "B", "Protocol"), File("Protocol", "C")];

        var violations = FolderGraph.Violations(files, FolderGraph.Core);

        Assert.Equal(["core folder Routing uses feature folder Coordination"], violations);
    }

    [Fact]
    public void Violations_NamespaceOfAnotherFolder_Reported()
    {
        FolderGraph.SourceFile[] files = [new("Votes/A.cs", "Votes", "namespace ConcertationBot.Bot.Pulses;\n")];

        var violations = FolderGraph.Violations(files, FolderGraph.Core);

        Assert.Equal(["Votes/A.cs: namespace does not match its folder Votes"], violations);
    }

    [Fact]
    public void Violations_FeaturesUsingCoreOnly_Clean()
    {
        FolderGraph.SourceFile[] files = [File("Votes", "A", "Pulses", "Storage"), File("Pulses", "B", "Storage"), File("Storage", "C", "Protocol"), File("Protocol", "D")];

        Assert.Empty(FolderGraph.Violations(files, FolderGraph.Core));
    }

    [Fact]
    public void Read_EveryStoreAndRecord_NoneImportsTheCardLibrary()
    {
        var storage = FolderGraph.Read(RepositoryPaths.Combine("Bot"))
            .Where(f => f.Path.EndsWith("Store.cs", StringComparison.Ordinal) || f.Path.EndsWith("Record.cs", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(storage, f => f.Path == "Votes/VoteStore.cs");
        Assert.Contains(storage, f => f.Path == "Coordination/ConversationSettingsStore.cs");
        Assert.All(storage, f => Assert.DoesNotContain("using ConcertationBot.Cards", f.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TheBotFolder_DeclaresNoLocalizedText()
    {
        var files = FolderGraph.Read(RepositoryPaths.Combine("Bot"));

        var declaring = files.Where(f => f.Text.Contains("new Localized(", StringComparison.Ordinal) || f.Text.Contains("readonly Localized ", StringComparison.Ordinal))
            .Select(f => f.Path);

        Assert.Empty(declaring);
    }
}
