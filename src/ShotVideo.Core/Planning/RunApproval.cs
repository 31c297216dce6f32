using System.Globalization;

namespace ShotVideo.Planning;

/// <summary>
/// Which shots of a plan may run: each Generate or Resume shot is asked about in plan order, while it fits the budget
/// (resumes cost nothing; a shot whose price is unknown never fits a budget). The run executes exactly the approved ones
/// and reports the rest as not started, with why.
/// </summary>
public sealed class RunApproval
{
    private readonly Dictionary<ShotKey, string?> _decided = [];

    public RunApproval(RunPlan plan, decimal? maxCostUsd = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCostUsd ?? 0m, nameof(maxCostUsd));
        Plan = plan;
        MaxCostUsd = maxCostUsd;
    }

    public RunPlan Plan { get; }

    public decimal? MaxCostUsd { get; }

    /// <summary>The estimated new spend of the shots approved so far.</summary>
    public decimal ApprovedCostUsd { get; private set; }

    /// <summary>Every Generate and Resume shot approved (within the budget, if any): for automation and tests.</summary>
    public static RunApproval All(RunPlan plan, decimal? maxCostUsd = null)
    {
        var approval = new RunApproval(plan, maxCostUsd);
        foreach (var shot in approval.Candidates)
        {
            if (approval.FitsBudget(shot))
            {
                approval.Approve(shot);
            }
        }

        return approval;
    }

    /// <summary>The shots that need a yes: Generate and Resume, in plan order.</summary>
    public IEnumerable<ShotPlan> Candidates => Plan.Shots.Where(shot => shot.Decision is ShotDecision.Generate or ShotDecision.Resume);

    /// <summary>Whether approving <paramref name="shot"/> keeps the approved spend within the budget; when not, the shot is set aside as over budget.</summary>
    public bool FitsBudget(ShotPlan shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (MaxCostUsd is not { } budget || shot.Decision == ShotDecision.Resume)
        {
            return true;
        }

        if (shot.EstimatedCostUsd is { } cost && ApprovedCostUsd + cost <= budget)
        {
            return true;
        }

        _decided[shot.Key] = shot.EstimatedCostUsd is { } price
            ? string.Create(CultureInfo.InvariantCulture, $"Not started: its ~${price:0.00} would take the run past the budget of ${budget:0.00} (${ApprovedCostUsd:0.00} approved before it).")
            : string.Create(CultureInfo.InvariantCulture, $"Not started: its price is unknown, so it cannot be kept within the budget of ${budget:0.00}.");
        return false;
    }

    public void Approve(ShotPlan shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (shot.Decision is not (ShotDecision.Generate or ShotDecision.Resume))
        {
            throw new ArgumentException($"{shot.Key} is planned as {shot.Decision}; only Generate and Resume shots are approved.", nameof(shot));
        }

        if (_decided.TryAdd(shot.Key, null))
        {
            ApprovedCostUsd += shot.EstimatedCostUsd ?? 0m;
        }
    }

    public bool IsApproved(ShotKey shot) => _decided.TryGetValue(shot, out var why) && why is null;

    /// <summary>Why a shot to generate or resume was not approved: over the budget, or declined.</summary>
    public string WhyNotApproved(ShotKey shot) =>
        _decided.TryGetValue(shot, out var why) && why is not null ? why : "Not started: it was not approved (declined at the confirmation).";
}
