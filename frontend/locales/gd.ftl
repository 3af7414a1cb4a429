# Cairn, Gàidhlig (Scottish Gaelic).
language-name = Gàidhlig
skip-to-content = Leum gun phrìomh shusbaint
site-name = Cairn
site-tagline = Buidseatadh com-pàirteachail
nav-main = Prìomh
nav-rounds = Cuairtean
choose-language = Cànan
footer-text = ’S e bathar-bog le còd fosgailte airson buidseatadh com-pàirteachail a th’ ann an Cairn. Faodaidh duine sam bith gach toradh a dhearbhadh.
loading = A’ luchdadh…
loading-rounds = A’ luchdadh nan cuairtean…
loading-round = A’ luchdadh na cuairte…
error-network = Cha b’ urrainn dhuinn am frithealaiche a ruigsinn. Thoir sùil air a’ cheangal agad is feuch ris a-rithist.
error-server = Chaidh rudeigin ceàrr: { $message }
retry = Feuch ris a-rithist

portal-title = Abair do ghuth mu mar a chaitheas a’ chomhairle am buidseat aice
portal-lede = Tagh dè na pròiseactan ionadail a gheibh maoineachadh, lean an cunntadh fhad ’s a tha e a’ tachairt, agus dearbh na toraidhean thu fhèin.
portal-open = Fosgailte airson bhòtadh
portal-upcoming = Ri thighinn
portal-past = Dùinte agus toraidhean
portal-none-open = Chan eil cuairt fosgailte airson bhòtadh an-dràsta.
portal-none-upcoming = Chan eil cuairtean san amharc fhathast.
portal-none-past = Cha deach cuairt sam bith a chrìochnachadh fhathast.

phase-draft = Dreachd
phase-proposals = A’ cruinneachadh bheachdan
phase-review = Beachdan gan sgrùdadh
phase-voting = Bhòtadh fosgailte
phase-closed = Bhòtadh dùinte
phase-published = Toraidhean foillsichte

round-budget = Buidseat
round-organisation = Air a ruith le
round-voting-opens = Fosglaidh am bhòtadh
round-voting-closes = Dùinidh am bhòtadh
round-districts = Sgìrean
round-projects = Pròiseactan
round-count = { $count ->
    [one] { $count } phròiseact
    [two] { $count } phròiseact
    [few] { $count } pròiseactan
   *[other] { $count } pròiseact
  }
round-district-budget = Buidseat na sgìre seo: { $budget }
round-how-to-vote = Mar a bhòtas tu
ballot-approval = Tagh na pròiseactan a tha thu ag iarraidh, eadar { $min } agus { $max }.
ballot-approval-unlimited = Tagh co-dhiù { $min } de na pròiseactan a tha thu ag iarraidh.
ballot-approval-budget = Feumaidh na pròiseactan a thaghas tu a bhith taobh a-staigh buidseat na sgìre agad.
ballot-cumulative = Roinn { $total } puingean air na pròiseactan as toil leat, { $max } air a’ char as motha air aon phròiseact.
ballot-ordinal = Cuir eadar { $min } is { $max } pròiseactan ann an òrdugh do roghainn.
round-back = Na cuairtean uile

project-cost = Cosgais
project-location = Càite
project-category = Roinn-seòrsa
project-not-feasible = Chan eil e air a’ phàipear-bhòtaidh: { $reason }
project-withdrawn = Air a tharraing air ais leis an neach a mhol e
project-pending = Ga sgrùdadh le oifigearan na comhairle
no-projects-yet = Cha deach pròiseactan fhoillseachadh airson na cuairte seo fhathast.

not-found-title = Cha deach an duilleag a lorg
not-found-text = Chan eil dad aig an t-seòladh seo. Dh’fhaodadh gun do ghluais e, no gu bheil an ceangal ceàrr.
not-found-home = Rach gu liosta nan cuairtean

month-1 = dhen Fhaoilleach
month-2 = dhen Ghearran
month-3 = dhen Mhàrt
month-4 = dhen Ghiblean
month-5 = dhen Chèitean
month-6 = dhen Ògmhios
month-7 = dhen Iuchar
month-8 = dhen Lùnastal
month-9 = dhen t-Sultain
month-10 = dhen Dàmhair
month-11 = dhen t-Samhain
month-12 = dhen Dùbhlachd
date-format = { $day }mh { $month } { $year }

vote-start = Bhòt sa chuairt seo
vote-title = Am pàipear-bhòtaidh agad: { $round }
vote-not-open = Chan eil a’ chuairt seo fosgailte airson bhòtadh.
vote-area = An sgìre agad
vote-choose = Tagh pròiseactan
vote-summary = Thagh thu { $count } pròiseact(an), a chosgas { $cost } de { $limit }. Tha { $left } air fhàgail.
vote-summary-nolimit = Thagh thu { $count } pròiseact(an).
vote-unsupported = Chan urrainn dhut bhòtadh air loidhne airson a’ phàipeir-bhòtaidh seo fhathast. Cleachd pàipear-bhòtaidh.
vote-code = An còd-bhòtaidh agad
vote-code-hint = 18 litrichean is àireamhan, mar a tha iad air do litir, mar eisimpleir 7KQ2MX-RT9HBA-4WZPCE.
vote-submit = Cuir a-steach mo bhòt
vote-sending = A’ cur do bhòt…
vote-done-title = Mòran taing: chaidh do bhòt a chunntadh
vote-receipt = An cuidhteas agad
vote-receipt-explain = Glèidh an cuidhteas seo. Leis, faodaidh tu dearbhadh uair sam bith gu bheil do phàipear-bhòtaidh sa chunntadh. Cha sheall e mar a bhòt thu, agus chan urrainn do dhuine sam bith a chleachdadh airson sin fhaighinn a-mach.
vote-problems = Chan urrainn dhut do phàipear-bhòtaidh a chur fhathast:
receipt-check = Dearbh cuidhteas
too-few-projects = Tagh co-dhiù { $min } pròiseactan.
too-many-projects = Faodaidh tu { $max } pròiseactan a thaghadh aig a’ char as motha.
over-budget = Cosgaidh na pròiseactan a thagh thu { $cost }, barrachd air na { $limit } a tha ri fhaighinn.
over-budget-to-add = Cosgaidh am pròiseact seo { $cost }, ach chan eil ach { $left } air fhàgail. Thoir pròiseact eile air falbh an toiseach.
under-min-spend = Tagh pròiseactan luach co-dhiù { $needed }.
project-not-eligible = Chan eil am pròiseact seo air a’ phàipear-bhòtaidh.
project-unknown = Chan eil am pròiseact seo san sgìre agad.
project-repeated = Tha am pròiseact seo air do phàipear-bhòtaidh mu thràth.
wrong-ballot-type = Tha am pàipear-bhòtaidh seo den t-seòrsa cheàrr.
too-many-points = Chleachd thu { $used } puingean; ’s e { $max } as motha.
too-few-points = Cleachd co-dhiù { $min } puingean.
too-many-points-on-project = Faodaidh { $max } puingean a dhol gu aon phròiseact aig a’ char as motha.
zero-points = Thoir co-dhiù aon phuing do gach pròiseact air an liosta agad.
code-wrong-length = Tha 18 litrichean is àireamhan ann an còd-bhòtaidh.
code-bad-character = Chan eil an caractar sin ann an còd-bhòtaidh idir. Chan eil 0, O, 1, I no L ann.
code-typo = Tha mearachd sgrìobhaidh sa chòd seo. Thoir sùil air an litir agad.
receipt-title = Dearbh gun deach do phàipear-bhòtaidh a chunntadh
receipt-lede = Sgrìobh an cuidhteas a fhuair thu nuair a bhòt thu. Chan eil am bòrd poblach a’ liostadh ach lorg-meòir de gach cuidhteas, agus mar sin cha nochd an dearbhadh dad mu do bhòt.
receipt-label = An cuidhteas agad
receipt-submit = Dearbh
receipt-counted = Tha do phàipear-bhòtaidh sa chunntadh.
receipt-missing = Chan eil pàipear-bhòtaidh air a chunntadh leis a’ chuidhteas seo. Dèan cinnteach gun do sgrìobh thu e dìreach mar a chaidh a shealltainn.
