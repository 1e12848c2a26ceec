using System.Collections.Immutable;
using System.Reflection;
using ConcertationBot.Tools.TextsGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Generator = ConcertationBot.Tools.TextsGenerator.TextsGenerator;

namespace ConcertationBot.Tests.Tools.TextsGenerator;

public sealed class TextsGeneratorTests
{
    private const string ProjectDir = "/repo/Cards/";
    private const string VoteCardTexts = "/repo/Cards/Votes/VoteCard.texts";

    /// <summary>The generator run as the compiler runs it, over a compilation that has the class's other part and <c>Localized</c>.</summary>
    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Run) RunGenerator(string path, string texts)
    {
        const string code = """
            namespace ConcertationBot.Cards.Localization { public sealed record Localized(string French, string English); }
            namespace ConcertationBot.Cards.Votes { public static partial class VoteCard { } }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "TextsGeneratorTest",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new Generator().AsSourceGenerator()],
            [new InMemoryText(path, texts)],
            new CSharpParseOptions(LanguageVersion.Latest),
            new ProjectOptions("ConcertationBot.Cards", ProjectDir));

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        return (output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Each generated field: its modifiers and the two strings its literals hold once compiled.</summary>
    private static Dictionary<string, (string Modifiers, string French, string English)> Fields(GeneratorDriverRunResult run) =>
        run.GeneratedTrees.Single().GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>().ToDictionary(
            f => f.Declaration.Variables.Single().Identifier.ValueText,
            f =>
            {
                var arguments = ((BaseObjectCreationExpressionSyntax)f.Declaration.Variables.Single().Initializer!.Value).ArgumentList!.Arguments;
                return (f.Modifiers.ToString(), ((LiteralExpressionSyntax)arguments[0].Expression).Token.ValueText, ((LiteralExpressionSyntax)arguments[1].Expression).Token.ValueText);
            });

    [Fact]
    public void Generate_QuotesBackslashNewlineAndFrench_LiteralsHoldTheExactTexts()
    {
        // Arrange
        const string texts = """
            # VoteCard's words.

            Heading
              fr: « Résultats » : l'été\nà la ligne
              en: Say "hi" \\ C:\\path\tend\s
            Tied
              fr: ex\u00A0æquo
              en: tied
            """;

        // Act
        var (output, diagnostics, run) = RunGenerator(VoteCardTexts, texts);

        // Assert
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var fields = Fields(run);
        Assert.Equal(("private static readonly", "« Résultats » : l'été\nà la ligne", "Say \"hi\" \\ C:\\path\tend "), fields["Heading"]);
        Assert.Equal(("private static readonly", "ex\u00A0æquo", "tied"), fields["Tied"]);
    }

    [Fact]
    public void Generate_PublicAndInternalNames_KeepTheirVisibilityOthersArePrivate()
    {
        // Arrange
        const string texts = "public Shared\n  fr: partagé\n  en: shared\ninternal Inner\n  fr: interne\n  en: inner\nOwn\n  en: own\n  fr: propre\n";

        // Act
        var (_, diagnostics, run) = RunGenerator(VoteCardTexts, texts);

        // Assert
        Assert.Empty(diagnostics);
        var fields = Fields(run);
        Assert.Equal("public static readonly", fields["Shared"].Modifiers);
        Assert.Equal("internal static readonly", fields["Inner"].Modifiers);
        Assert.Equal(("private static readonly", "propre", "own"), fields["Own"]);
    }

    [Fact]
    public void Generate_FileInAFolder_ClassOfTheFileNameInTheFoldersNamespace()
    {
        // Act
        var (output, _, _) = RunGenerator(VoteCardTexts, "Heading\n  fr: Vote\n  en: Vote\n");

        // Assert
        var type = output.GetTypeByMetadataName("ConcertationBot.Cards.Votes.VoteCard");
        Assert.NotNull(type);
        Assert.Single(type.GetMembers("Heading"));
    }

    [Fact]
    public void Generate_MalformedLine_ErrorAtThatLineOfThatFileAndNoSource()
    {
        // Arrange
        const string texts = "Heading\n  fr: Vote\n  en: Vote\nNot a name\n";

        // Act
        var (_, diagnostics, run) = RunGenerator(VoteCardTexts, texts);

        // Assert
        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("TEXTS001", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal(VoteCardTexts, span.Path);
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Empty(run.GeneratedTrees);
    }

    [Theory]
    [InlineData("Heading\n  fr: Vote\n  en: Vote\nHeading\n  fr: Autre\n  en: Other\n", 4)]
    [InlineData("Heading\n  fr: Vote\n", 1)]
    [InlineData("Heading\n  fr: Vote \n  en: Vote\n", 2)]
    [InlineData("Heading\n  fr: Vote\\x\n  en: Vote\n", 2)]
    [InlineData("  fr: Vote\n", 1)]
    [InlineData("Heading\n  fr: Vote\n  fr: Encore\n  en: Vote\n", 3)]
    [InlineData("Heading\n  de: Abstimmung\n  fr: Vote\n  en: Vote\n", 2)]
    public void Generate_DuplicateMissingTrailingSpaceOrUnknownLine_ErrorAtTheLine(string texts, int line)
    {
        // Act
        var (_, diagnostics, run) = RunGenerator(VoteCardTexts, texts);

        // Assert
        var error = Assert.Single(diagnostics);
        Assert.Equal("TEXTS001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(line - 1, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void Generate_FileOutsideTheProject_ErrorNoSource()
    {
        // Act
        var (_, diagnostics, run) = RunGenerator("/elsewhere/VoteCard.texts", "Heading\n  fr: Vote\n  en: Vote\n");

        // Assert
        Assert.Equal("TEXTS002", Assert.Single(diagnostics).Id);
        Assert.Empty(run.GeneratedTrees);
    }

    [Theory]
    [InlineData("Cards", typeof(Localized), 20)]
    [InlineData("Dialogs", typeof(ConcertationBot.Dialogs.Export.CompteRendu), 10)]
    public void TextsFiles_EveryFileOfTheProject_EachTextIsAFieldOfItsClass(string project, Type anyTypeOfTheProject, int atLeast)
    {
        // Arrange
        var folder = RepositoryPaths.Combine(project);
        var files = Directory.GetFiles(folder, "*.texts", SearchOption.AllDirectories);
        var assembly = anyTypeOfTheProject.Assembly;

        // Act / Assert
        Assert.True(files.Length >= atLeast, $"only {files.Length} texts files under {project}/");
        foreach (var file in files)
        {
            var (entries, errors) = TextsFile.Parse(File.ReadAllText(file));
            Assert.Empty(errors);
            var subfolder = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.');
            var typeName = $"ConcertationBot.{project}.{subfolder}.{Path.GetFileNameWithoutExtension(file)}";
            var type = assembly.GetType(typeName);
            Assert.True(type is not null, $"{file}: no type {typeName}");
            Assert.NotEmpty(entries);
            foreach (var entry in entries)
            {
                var field = type.GetField(entry.Name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                Assert.True(field is not null, $"{file}: {typeName} has no field {entry.Name}");
                Assert.Equal(new Localized(entry.French, entry.English), field.GetValue(null));
                Assert.Equal(entry.Visibility == "public", field.IsPublic);
            }
        }
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class ProjectOptions(string rootNamespace, string projectDir) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = rootNamespace,
            ["build_property.ProjectDir"] = projectDir,
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
