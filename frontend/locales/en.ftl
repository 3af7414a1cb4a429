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
error-network = We could not reach the server. Check your connection and try again.
error-server = Something went wrong: { $message }
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
