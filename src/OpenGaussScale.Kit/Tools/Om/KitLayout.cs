namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>Where the running ogkit sits inside an unpacked OM package: PKG/script/ogkit/ogkit.dll.</summary>
public static class KitLayout
{
    /// <summary>The script/ directory holding this ogkit copy.</summary>
    public static string ScriptDirectory => Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!;

    /// <summary>The package root: the parent of script/ (where the Server tarball lies next to the OM one).</summary>
    public static string PackageDirectory => Path.GetDirectoryName(ScriptDirectory)!;
}
