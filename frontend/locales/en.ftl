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
