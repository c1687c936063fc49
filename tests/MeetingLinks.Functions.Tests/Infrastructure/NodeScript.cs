using System.Diagnostics;

namespace MeetingLinks.Tests.Infrastructure;

/// <summary>Small node programs to stand in for a child process: node is on hand wherever the tests run Azurite.</summary>
public static class NodeScript
{
    /// <summary>Runs <paramref name="script"/> with <c>node -e</c>, output redirected as <c>ChildProcess</c> needs it.</summary>
    public static ProcessStartInfo StartInfo(string script)
    {
        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("-e");
        startInfo.ArgumentList.Add(script);
        return startInfo;
    }
}
