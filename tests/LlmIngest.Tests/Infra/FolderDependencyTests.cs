using System.Text.RegularExpressions;

namespace LlmIngest.Tests.Infra;

/// <summary>
/// The library's folders depend on each other in one direction only: the `using LlmIngest.X;` lines between the
/// folders of src/LlmIngest form no cycle, and nothing but Hosting itself imports Hosting (it wires everything).
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Library = Path.Combine(RepositoryRoot.Find(), "src", "LlmIngest");

    [Fact]
    public void FolderImports_FormNoCycle()
    {
        var imports = Imports();
        var cycles = new List<string>();
        foreach (var start in imports.Keys)
        {
            // A path back to the start through the import graph is a cycle.
            var stack = new Stack<List<string>>([[start]]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (stack.Count > 0)
            {
                var path = stack.Pop();
                foreach (var next in imports.GetValueOrDefault(path[^1], []))
                {
                    if (next == start)
                    {
                        cycles.Add(string.Join(" -> ", path.Append(next)));
                    }
                    else if (seen.Add(next))
                    {
                        stack.Push([.. path, next]);
                    }
                }
            }
        }

        Assert.True(cycles.Count == 0, "folders import each other in a circle: " + string.Join("; ", cycles.Distinct()));
    }

    [Fact]
    public void OnlyHosting_ImportsHosting()
    {
        var importers = Imports().Where(i => i.Key != "Hosting" && i.Value.Contains("Hosting")).Select(i => i.Key).ToList();

        Assert.True(importers.Count == 0, "folders importing Hosting: " + string.Join(", ", importers));
    }

    /// <summary>Each top folder of src/LlmIngest and the other top folders its files import.</summary>
    private static Dictionary<string, HashSet<string>> Imports()
    {
        var folders = Directory.GetDirectories(Library)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(folders.Count >= 5, $"expected the pipeline's folders under {Library}");
        var imports = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match line in UsingLine().Matches(File.ReadAllText(file)))
                {
                    var target = line.Groups["folder"].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        imports[folder].Add(target);
                    }
                }
            }
        }

        return imports;
    }

    [GeneratedRegex(@"^using LlmIngest\.(?<folder>[A-Za-z]+)(?:\.[A-Za-z.]+)?;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
