# Cairn, English. Keys are stable; the text is free to change.
language-name = English
skip-to-content = Skip to main content
site-name = Cairn
site-tagline = Participatory budgeting
nav-main = Main
nav-rounds = Rounds
choose-language = Language
footer-text = Cairn is open-source software for participatory budgeting. Every result can be checked by anyone.
loading = Loading…
loading-rounds = Loading the rounds…
loading-round = Loading the round…
loading-page = Loading the page…
error-network = We could not reach the server. Check your connection and try again.
error-server = Something went wrong: { $message }
error-crashed = Something went wrong and this page stopped working. Please reload it; if it happens again, check your connection.
retry = Try again

portal-title = Have your say on how your council spends its budget
portal-lede = Choose which local projects get funded, follow the count as it happens, and check the results for yourself.
portal-open = Open for voting
portal-upcoming = Coming up
portal-past = Closed and results
portal-none-open = No round is open for voting just now.
portal-none-upcoming = No rounds are planned yet.
portal-none-past = No round has finished yet.

phase-draft = Draft
phase-proposals = Collecting ideas
phase-review = Ideas being checked
phase-voting = Voting open
phase-closed = Voting closed
phase-published = Results published

round-budget = Budget
round-organisation = Run by
round-voting-opens = Voting opens
round-voting-closes = Voting closes
round-districts = Areas
round-projects = Projects
round-count = { $count ->
    [one] { $count } project
   *[other] { $count } projects
  }
round-district-budget = Budget for this area: { $budget }
round-how-to-vote = How to vote
ballot-approval = Pick the projects you want, from { $min } up to { $max }.
ballot-approval-unlimited = Pick at least { $min } of the projects you want.
ballot-approval-budget = The projects you pick must fit within your area's budget.
ballot-cumulative = Spread { $total } points over the projects you like, at most { $max } on one project.
ballot-ordinal = Rank between { $min } and { $max } projects in order of preference.
round-back = All rounds

project-cost = Cost
project-location = Where
project-category = Category
project-not-feasible = Not on the ballot: { $reason }
project-withdrawn = Withdrawn by the proposer
project-pending = Being checked by council officers
no-projects-yet = No projects have been published for this round yet.

not-found-title = Page not found
not-found-text = There is nothing at this address. It may have moved, or the link may be wrong.
not-found-home = Go to the list of rounds

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-format = { $day } { $month } { $year }

vote-start = Vote in this round
vote-title = Your ballot: { $round }
vote-not-open = This round is not open for voting.
vote-area = Your area
vote-choose = Choose projects
vote-summary = { $count ->
    [one] You have picked 1 project
   *[other] You have picked { $count } projects
  }, costing { $cost } of { $limit }. { $left } left.
vote-summary-nolimit = { $count ->
    [one] You have picked 1 project
   *[other] You have picked { $count } projects
  }.
vote-unsupported = Voting online is not available yet for this kind of ballot. Please use a paper ballot.
vote-code = Your voting code
vote-code-hint = 18 letters and numbers, as printed on your letter, for example 7KQ2MX-RT9HBA-4WZPCE.
vote-submit = Cast my vote
vote-sending = Sending your vote…
vote-done-title = Thank you: your vote is counted
vote-receipt = Your receipt
vote-receipt-explain = Keep this receipt. With it you can check at any time that your ballot is in the count. It does not show how you voted, and nobody can use it to find out.
vote-problems = Your ballot cannot be sent yet:
receipt-check = Check a receipt
too-few-projects = Pick at least { $min } projects.
too-many-projects = You can pick at most { $max } projects.
over-budget = The projects you picked cost { $cost }, more than the { $limit } available.
over-budget-to-add = This project costs { $cost }, but only { $left } is left. Remove another project first.
under-min-spend = Pick projects worth at least { $needed }.
project-not-eligible = This project is not on the ballot.
project-unknown = This project is not in your area.
project-repeated = This project is already on your ballot.
wrong-ballot-type = This ballot is of the wrong kind.
too-many-points = You have used { $used } points; the most is { $max }.
too-few-points = Use at least { $min } points.
too-many-points-on-project = At most { $max } points can go to one project.
zero-points = Give each project you list at least one point.
code-wrong-length = A voting code has 18 letters and numbers.
code-bad-character = A voting code never contains that character. It has no 0, O, 1, I or L.
code-typo = This code has a typing mistake. Check it against your letter.
receipt-title = Check that your ballot is counted
receipt-lede = Type the receipt you were given when you voted. The public board lists only a fingerprint of each receipt, so checking it reveals nothing about your vote.
receipt-label = Your receipt
receipt-submit = Check
receipt-counted = Your ballot is in the count.
receipt-missing = No counted ballot has this receipt. Check that you typed it exactly as it was shown.

# Shared bits
working = Working on it…
cancel = Cancel
edit = Edit
back-to-round = Back to { $round }
moment-format = { $date }, { $time } UTC
money-hint = In pounds, digits only, for example 25000 or 1250.50.
nav-officers = Council staff
loading-results = Loading the results…
loading-stats = Loading the participation figures…
loading-updates = Loading delivery updates…
loading-session = Checking your sign-in…
loading-audit = Loading the audit log…
loading-officers = Loading the list of officers…

# Round page: finding projects
round-live-link = Follow the live count
round-results-link = See the results
filter-area = Area
filter-all-areas = All areas
filter-category = Category
filter-all-categories = All categories
filter-sort = Sort by
sort-title = Title (A to Z)
sort-cost-low = Cost (lowest first)
sort-cost-high = Cost (highest first)
filter-search = Search projects
filter-showing = { $count ->
    [0] No projects match.
    [one] Showing 1 project.
   *[other] Showing { $count } projects.
  }

# Project page
project-area = Area
project-status = Status
project-on-ballot = On the ballot
project-description = About this project
project-image = Picture of { $project }

# Voting: steps, review, other ballot kinds, changing a vote
vote-steps = Steps
vote-step-choose = 1. Choose
vote-step-review = 2. Check and send
vote-step-receipt = 3. Receipt
vote-review = Check my choices
vote-edit = Change my choices
review-lede = You are voting for:
review-lede-ranked = Your ranking, first choice first:
review-points = { $project }: { $points } points
vote-summary-points = You have used { $used } of { $total } points. { $left } left.
vote-can-change = This round lets you change your vote until voting closes, with your voting code and this receipt.
rank-yours = Your ranking
rank-others = Projects not ranked yet
rank-add = Add { $project } to your ranking
rank-add-short = Add
rank-up = Move { $project } up
rank-down = Move { $project } down
rank-remove = Remove { $project } from your ranking
change-title = Change your vote: { $round }
change-not-allowed = Votes cannot be changed in this round.
change-link = Already voted? Change your vote
change-receipt = The receipt you were given
change-need-receipt = Type the receipt you were given when you voted.
change-submit = Replace my vote

# Live tally
live-title = Live count: { $round }
live-connecting = Connecting to the live count…
live-connected = Live: the count updates by itself as ballots arrive.
live-lost = The connection was lost. Reconnecting by itself…
live-waiting = Waiting for the first figures…
live-total = { $ballots ->
    [one] 1 ballot counted so far.
   *[other] { $ballots } ballots counted so far.
  }
live-district-ballots = { $ballots ->
    [one] 1 ballot in this area.
   *[other] { $ballots } ballots in this area.
  }
live-chart = Votes so far in { $district }
live-hidden = This round shows its count only after voting closes.

# Results
results-title = Results: { $round }
results-not-yet = The results of this round have not been published yet.
results-how = How the votes were counted
results-summary = { $ballots } ballots were counted with { $rule }. Published on { $date }.
results-spent = { $spent } of { $budget } is funded ({ $share }%), leaving { $left }. { $ballots } ballots in this area.
results-table = Projects in { $district }, in the order the rule considered them
results-project = Project
results-votes = Votes
results-outcome = Outcome
results-funded = Funded
results-not-funded = Not funded
results-why = Why
rule-greedy = the greedy rule (most votes first)
rule-mes = the Method of Equal Shares
rule-mes-add1 = the Method of Equal Shares (with budget increments)
rule-mes-add1-greedy = the Method of Equal Shares, completed greedily
rule-phragmen = sequential Phragmén
rule-greedy-about = Projects are taken in order of votes; each is funded if it still fits in what is left of the budget.
rule-mes-about = The budget is split equally between voters. A project is funded when its supporters can pay for it together from their shares, choosing first the project that costs each supporter least.
rule-mes-add1-about = The Method of Equal Shares, with each voter's share raised step by step as long as the result still fits the budget, so less money is left unspent.
rule-mes-add1-greedy-about = The Method of Equal Shares with budget increments, then any money left goes to the remaining projects in order of votes.
rule-phragmen-about = Each funded project places a load on its supporters; projects are chosen so that the heaviest load on any voter stays as light as possible.
tie-lexico = By project id (as Pabulib tools do)
tie-cost-then-votes = Cheaper first, then more votes
why-greedy-funded = Funded: number { $rank } by votes, and it fitted; { $left } was left after it.
why-greedy-not-funded = Not funded: number { $rank } by votes, but only { $left } was left when its turn came and it costs { $cost }.
why-mes-funded = Funded in step { $round }: its { $supporters } supporters paid for it, at most { $share } each.
why-mes-free = Funded: it costs nothing and people supported it.
why-mes-short = Not funded: its { $supporters } supporters had only { $left } left between them, less than the { $cost } it costs.
why-mes-free-ignored = Not funded: it costs nothing, so this rule gives it no weight.
why-no-support = Not funded: nobody voted for it.
why-completion-funded = Funded in the final step: number { $rank } by votes, it fitted in what was left; { $left } was left after it.
why-completion-not-funded = Not funded: its { $supporters } supporters had only { $left } left of the { $cost } it costs, and only { $remaining } was left for the final step.
why-phragmen-funded = Funded in step { $round }: its supporters' load rose to { $load } each.
why-phragmen-not-funded = Not funded: counting stopped with { $left } left, and it costs { $cost }.
why-over-budget = Not funded: it costs { $cost }, more than the whole budget of { $budget }.
chart-show-numbers = Show the numbers
chart-cost = Cost
chart-votes-cost = Votes against cost in { $district }
chart-votes-cost-summary = A chart of each project's votes against its cost. Filled dots are funded projects, rings are not. The table above has the same figures.
open-data-title = Check the result yourself
open-data-lede = These are the anonymised ballots the result was counted from, in the Pabulib format. They hold no names, codes or times.
open-data-download = Download { $file }
open-data-sha = Its SHA-256 fingerprint:
open-data-recompute = To recompute the result with the same code Cairn uses, run:

# Participation
stats-title = Who took part
stats-hidden = Participation figures are shown once voting closes.
stats-total = { $ballots } ballots in all. Groups of fewer than { $below } people are not shown, so nobody can be identified.
stats-suppressed = fewer than { $below }
stats-ballots = Ballots
stats-by-district = Ballots by area
stats-by-day = Ballots by day
stats-by-method = Ballots online and on paper
stats-by-age = Ballots by age band (answered voluntarily)
stats-by-gender = Ballots by gender (answered voluntarily)
method-online = Online
method-paper = Paper

# Delivery
delivery-title = Delivery of funded projects
delivery-none = No delivery updates have been posted yet.
delivery-planned = Planned
delivery-in-progress = In progress
delivery-delivered = Delivered
delivery-cancelled = Cancelled

# Officers' console
officer-sign-in = Sign in
officer-sign-in-lede = For council staff who run participatory budgeting rounds.
officer-sign-in-needed = Please sign in
officer-email = Email address
officer-password = Password
officer-sign-out = Sign out
officer-nav = Console
officer-signed-in-as = Signed in as { $name }, { $organisation }
officer-dashboard = Dashboard
officer-new-round = Create a round
officer-audit = Audit log
officer-officers = Officers
officer-admin-only = Only administrators can manage officers.
officer-no-rounds = Your organisation has no rounds yet.
officer-rounds = Your organisation's rounds
officer-round = Round
officer-phase = Phase
officer-actions = Actions
officer-ballots-in = { $ballots ->
    [one] 1 ballot in.
   *[other] { $ballots } ballots in.
  }
officer-public-page = Public page
officer-edit-settings = Edit settings
officer-round-audit = Audit log of this round
officer-locked = Voting has opened: the ballot rules, budget and projects are locked.
officer-phase-title = Phase
officer-phase-hint = Each change is recorded in the audit log.
officer-phase-final = This round has finished every phase.
officer-move-to = Move to: { $phase }
officer-phase-done = The round is now at: { $phase }.
officer-publish-title = Count and publish
officer-publish-hint = The ballots are counted with the rule you choose, and the result, its explanations and the anonymised ballots are published at once.
officer-publish = Count and publish the result
officer-published = The result is published.
officer-delivery-title = Delivery updates
officer-delivery-status = Status
officer-delivery-note = Note for the public
officer-delivery-on = Date
officer-delivery-on-hint = Leave empty for today.
officer-post-update = Post the update
officer-update-posted = The update is posted.
role-admin = Administrator
role-officer = Officer
officers-name = Name
officers-role = Role
officers-add = Add an officer
officers-added = { $name } can now sign in.
officers-password-hint = At least 12 characters. Give it to them in person; they can change it later.

# Round wizard
wizard-new-title = Create a round
wizard-edit-title = Round settings
wizard-steps = Steps
wizard-step = Step { $n } of { $of }: { $name }
wizard-basics = Basics
wizard-areas = Areas and budget
wizard-ballot = Ballot
wizard-timeline = Timeline and counting
wizard-review = Review
wizard-title = Title
wizard-summary = One-line summary
wizard-description = Description
wizard-currency = Currency
wizard-areas-hint = Each area has its own budget and its own projects. Residents vote in one area.
wizard-area-name = Name of area { $n }
wizard-area-budget = Budget of area { $n }
wizard-add-area = Add an area
wizard-categories = Categories
wizard-categories-hint = One per line, for example Parks or Transport. Optional.
wizard-ballot-kind = Kind of ballot
kind-approval = Approval: pick projects
kind-cumulative = Points: spread points over projects
kind-ordinal = Ranking: put projects in order
wizard-min-projects = Fewest projects a voter must choose
wizard-max-projects = Most projects a voter may choose
wizard-max-hint = Leave empty for no limit (approval ballots only).
wizard-knapsack = The projects a voter picks must fit within the area's budget
wizard-max-sum = Points each voter has
wizard-max-points = Most points on one project
wizard-min-points = Fewest points a voter must use
wizard-revote = Voters may change their vote until voting closes
wizard-bound = Each voting code is for one area only
wizard-min-age = Minimum age
wizard-min-age-hint = Optional. Shown to voters; the council checks eligibility when it hands out codes.
wizard-times-hint = Times are in UTC. Voting opens and closes by itself at these times.
wizard-proposals-open = Ideas can be sent from
wizard-results-due = Results expected by
wizard-rule = Counting rule
wizard-tie-break = When two projects tie
wizard-live = Show the live count to the public during voting
wizard-back = Back
wizard-next = Next
wizard-save = Save the round
wizard-fix = Some details need fixing before the round can be saved:
wizard-need-title = Give the round a title.
wizard-need-area = Add at least one area with a budget.
wizard-bad-area = Area { $n } needs a name and a budget in digits.
wizard-bad-limits = The ballot limits must be whole numbers.
wizard-bad-date = A date is not in the form the calendar gives.
wizard-bad-age = The minimum age must be a whole number.

# Projects in the console
project-add-title = Add a project
project-edit-title = Edit the project
project-edit = Edit { $project }
project-title = Title
project-summary = Short summary
project-image-url = Picture address (optional)
project-feasibility = Feasibility
project-reason = Reason, if not feasible
project-reason-hint = Residents see this reason on the project.
project-withdrawn-check = Withdrawn by the proposer
project-withdrawn-short = Withdrawn
project-no-category = No category
project-save = Save the project
project-saved = The project is saved.
project-bad-cost = Give the cost in digits, for example 25000 or 1250.50.
feasibility-feasible = Feasible
feasibility-not-feasible = Not feasible
feasibility-pending = Being checked
import-title = Import projects
import-hint = From a CSV file with a header row (title and cost are required; district, category, summary, description, location, image_url, feasibility and feasibility_reason are optional) or a Pabulib .pb file. Check first: nothing is saved until you import.
import-format = File format
import-csv = CSV
import-pabulib = Pabulib (.pb)
import-area = Area for projects that do not name one
import-file = File
import-content = Or paste the file's contents
import-preview = Check the file
import-save = Import these projects
import-errors = Lines to fix
import-line = Line { $line }: { $message }
import-checked = { $count } projects read, { $errors } lines to fix. Nothing has been saved yet.
import-saved = { $count } projects imported.

# Voting codes in the console
codes-title = Voting codes
codes-batches = Code batches
codes-label = Label
codes-size = Codes
codes-used = Used
codes-revoked-count = Revoked
codes-new = Issue a batch
codes-count = How many codes
codes-area = Area
codes-any-area = Any area
codes-label-hint = For your records, for example "Library drop-in, 4 December".
codes-issue = Issue the codes
codes-bad-count = Give the number of codes in digits.
codes-issued = { $count } codes issued.
codes-once = These codes are shown only now: Cairn keeps only a fingerprint of each. Download or print them before you leave this page.
codes-download = Download as CSV
codes-print = Print the sheet
codes-sheet = Printable voting codes
codes-card-help = Vote online with this code. It works once.
codes-revoke-title = Revoke a code
codes-revoke-hint = A lost or misused code stops working at once.
codes-revoke = Revoke the code
codes-revoked = The code is revoked.

# Paper ballots
paper-title = Paper ballots
paper-hint = Type in each paper ballot as it was marked. The same rules apply as online, and the ballot is recorded as paper.
paper-enter = Enter this paper ballot
paper-entered = The paper ballot is entered.

# Audit log
audit-hint = Every officer action, newest first. Each entry's fingerprint covers the one before it, so a changed or deleted entry breaks the chain (checked by cairn audit verify).
audit-empty = Nothing has been recorded yet.
audit-when = When
audit-who = Who
audit-what = Action
audit-detail = Details
audit-hash = Fingerprint
