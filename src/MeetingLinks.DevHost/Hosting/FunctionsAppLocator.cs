using System.Reflection;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>
/// Finds the Functions app's build output from an <c>[AssemblyMetadata]</c> attribute the test project's build
/// writes, so tests run the app the build just made without knowing where the repository lives.
/// </summary>
public static class FunctionsAppLocator
{
    public const string DefaultKey = "FunctionsAppDirectory";

    public static string FromAssemblyMetadata(Assembly assembly, string key = DefaultKey)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var directory = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no [AssemblyMetadata(\"{key}\", ...)]; its project file should add one.");
        if (!File.Exists(Path.Combine(directory, "functions.metadata")))
        {
            throw new InvalidOperationException($"There is no functions.metadata in {directory}: build the Functions app first.");
        }

        return directory;
    }
}
