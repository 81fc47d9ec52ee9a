using System.Runtime.Versioning;

// The playground library is Linux-only; so are its tests.
[assembly: SupportedOSPlatform("linux")]
