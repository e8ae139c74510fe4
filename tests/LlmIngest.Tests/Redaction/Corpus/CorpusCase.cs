namespace LlmIngest.Tests.Redaction.Corpus;

/// <summary>One labeled line of the corpus: a kind ("none" for a hard negative), the sensitive value and the text holding it.</summary>
internal sealed record CorpusCase(int Line, string Kind, string Value, string Text)
{
    public bool IsNegative => Kind == "none";

    public static IReadOnlyList<CorpusCase> Load(string path)
    {
        var cases = new List<CorpusCase>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            cases.Add(new CorpusCase(number, fields[0], Unescape(fields[1]), Unescape(fields[2])));
        }

        return cases;
    }

    private static string Unescape(string field) => field.Replace("\\n", "\n", StringComparison.Ordinal);
}
