namespace LlmIngest.Testing;

/// <summary>Finds the repository by walking up from the test assembly to the folder holding <c>LlmIngest.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LlmIngest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds LlmIngest.sln.");
    }
}
