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
