namespace OpenGaussScale.Kit.Tests.Unit;

/// <summary>Files of the repository the tests read (the shared sample XMLs).</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenGaussScale.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("the repository root (OpenGaussScale.sln) was not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Sample(string name) => Path.Combine(Root, "samples", name);
}
