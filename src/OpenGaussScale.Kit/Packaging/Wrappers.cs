namespace OpenGaussScale.Kit.Packaging;

/// <summary>
/// The small scripts in the package. Each finds ogkit.dll from its own location (so it works before the environment
/// is sourced) and execs `dotnet ogkit.dll TOOL ARGS...`.
/// </summary>
public static class Wrappers
{
    /// <summary>bin/TOOL of the Server package (gs_ctl, gs_guc, gsql, gaussdb): ogkit.dll is in the same bin/.</summary>
    public static string Bash(string tool) => $$"""
        #!/bin/bash
        # {{tool}} of ogkit, the openGauss command kit over PostgreSQL: test and demo equipment, not openGauss.
        here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
        dotnet="${OGKIT_DOTNET:-$(command -v dotnet || echo /usr/share/dotnet/dotnet)}"
        exec "$dotnet" "$here/ogkit.dll" {{tool}} "$@"

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>
    /// An OM script (script/gs_om, script/gs_preinstall, script/local/X.py): openGauss runs these with python3, so they
    /// are real Python files; ogkit is in script/ogkit/.
    /// </summary>
    public static string Python(string tool, string relativeKitDirectory) => $$"""
        #!/usr/bin/env python3
        # {{tool}} of ogkit, the openGauss command kit over PostgreSQL: test and demo equipment, not openGauss.
        import os
        import shutil
        import sys

        here = os.path.dirname(os.path.realpath(__file__))
        kit = os.path.normpath(os.path.join(here, "{{relativeKitDirectory}}", "ogkit.dll"))
        dotnet = os.environ.get("OGKIT_DOTNET") or shutil.which("dotnet") or "/usr/share/dotnet/dotnet"
        os.execv(dotnet, [dotnet, kit, "{{tool}}"] + sys.argv[1:])

        """.Replace("\r\n", "\n", StringComparison.Ordinal);
}
