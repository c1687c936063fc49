using System.Globalization;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// Command line: <c>--duration 10 --warmup 2 --latencies 0,150 --concurrency 1,8,64 --cold-starts 5</c> for the create
/// part, <c>--meetings 5000,20000 --repeat 7</c> for the phone part, <c>--only create</c>, <c>--only phone</c>, <c>--only visits</c> (reminders of 1,000 visits booked
/// ahead, and a booking's cost) or <c>--only summary</c> (the day at a glance over 10,000 meetings) for one.
/// </summary>
internal sealed record BenchmarkOptions(
    TimeSpan Duration, TimeSpan WarmUp, TimeSpan[] Latencies, int[] Concurrency, int ColdStarts, string? Only, int[] TableSizes, int Repeat)
{
    public const string CreatePart = "create";
    public const string PhonePart = "phone";
    public const string VisitsPart = "visits";
    public const string SummaryPart = "summary";

    public bool Runs(string part) => Only is null || Only == part;

    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        static int[] Numbers(string text) => [.. text.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];

        var only = Value("--only");
        if (only is not (null or CreatePart or PhonePart or VisitsPart or SummaryPart))
        {
            throw new ArgumentException($"--only takes {CreatePart}, {PhonePart}, {VisitsPart} or {SummaryPart}, not {only}.");
        }

        return new BenchmarkOptions(
            TimeSpan.FromSeconds(int.Parse(Value("--duration") ?? "10", CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(int.Parse(Value("--warmup") ?? "2", CultureInfo.InvariantCulture)),
            [.. Numbers(Value("--latencies") ?? "0,150").Select(ms => TimeSpan.FromMilliseconds(ms))],
            Numbers(Value("--concurrency") ?? "1,8,64"),
            int.Parse(Value("--cold-starts") ?? "5", CultureInfo.InvariantCulture),
            only,
            Numbers(Value("--meetings") ?? "5000,20000"),
            int.Parse(Value("--repeat") ?? "7", CultureInfo.InvariantCulture));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Duration.TotalSeconds:0} s per run after {WarmUp.TotalSeconds:0} s warm-up; broker latency {string.Join(", ", Latencies.Select(l => l.TotalMilliseconds))} ms; concurrency {string.Join(", ", Concurrency)}");
}
