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
loading-page = A’ luchdadh na duilleige…
error-network = Cha b’ urrainn dhuinn am frithealaiche a ruigsinn. Thoir sùil air a’ cheangal agad is feuch ris a-rithist.
error-server = Chaidh rudeigin ceàrr: { $message }
error-crashed = Chaidh rudeigin ceàrr agus sguir an duilleag seo ag obair. Luchdaich a-rithist i; ma thachras e a-rithist, thoir sùil air a’ cheangal agad.
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

# Pìosan coitcheann
working = Ga dhèanamh…
cancel = Sguir dheth
edit = Deasaich
back-to-round = Air ais gu { $round }
moment-format = { $date }, { $time } UTC
money-hint = Ann an notaichean, ann am figearan a-mhàin, mar eisimpleir 25000 no 1250.50.
nav-officers = Luchd-obrach na comhairle
loading-results = A’ luchdadh nan toraidhean…
loading-stats = A’ luchdadh figearan a’ chom-pàirteachaidh…
loading-updates = A’ luchdadh nan naidheachdan mun lìbhrigeadh…
loading-session = A’ dearbhadh gu bheil thu air do chlàradh a-steach…
loading-audit = A’ luchdadh an loga sgrùdaidh…
loading-officers = A’ luchdadh liosta nan oifigearan…

# Duilleag na cuairte: a’ lorg phròiseactan
round-live-link = Lean an cunntadh beò
round-results-link = Faic na toraidhean
filter-area = Sgìre
filter-all-areas = Gach sgìre
filter-category = Roinn-seòrsa
filter-all-categories = Gach roinn-seòrsa
filter-sort = Seòrsaich a-rèir
sort-title = Tiotal (A gu Z)
sort-cost-low = Cosgais (as lugha an toiseach)
sort-cost-high = Cosgais (as motha an toiseach)
filter-search = Lorg pròiseactan
filter-showing = { $count ->
    [0] Chan eil pròiseact sam bith a’ freagairt.
    [one] A’ sealltainn { $count } phròiseact.
    [two] A’ sealltainn { $count } phròiseact.
    [few] A’ sealltainn { $count } pròiseactan.
   *[other] A’ sealltainn { $count } pròiseact.
  }

# Duilleag a’ phròiseict
project-area = Sgìre
project-status = Staid
project-on-ballot = Air a’ phàipear-bhòtaidh
project-description = Mun phròiseact seo
project-image = Dealbh: { $project }

# Bhòtadh: ceumannan, dearbhadh, seòrsaichean eile de phàipear-bhòtaidh, atharrachadh bhòt
vote-steps = Ceumannan
vote-step-choose = 1. Tagh
vote-step-review = 2. Dearbh is cuir
vote-step-receipt = 3. Cuidhteas
vote-review = Thoir sùil air na roghainnean agam
vote-edit = Atharraich na roghainnean agam
review-lede = Tha thu a’ bhòtadh airson:
review-lede-ranked = An rangachadh agad, a’ chiad roghainn an toiseach:
review-points = { $project }: { $points } puingean
vote-summary-points = Chleachd thu { $used } de { $total } puingean. Tha { $left } air fhàgail.
vote-can-change = Sa chuairt seo, faodaidh tu do bhòt atharrachadh gus an dùin am bhòtadh, le do chòd-bhòtaidh agus leis a’ chuidhteas seo.
rank-yours = An rangachadh agad
rank-others = Pròiseactan nach deach a rangachadh fhathast
rank-add = Cuir { $project } ris an rangachadh agad
rank-add-short = Cuir ris
rank-up = Gluais { $project } suas
rank-down = Gluais { $project } sìos
rank-remove = Thoir { $project } às an rangachadh agad
change-title = Atharraich do bhòt: { $round }
change-not-allowed = Chan fhaodar bhòtaichean atharrachadh sa chuairt seo.
change-link = An do bhòt thu mu thràth? Atharraich do bhòt
change-receipt = An cuidhteas a fhuair thu
change-need-receipt = Sgrìobh an cuidhteas a fhuair thu nuair a bhòt thu.
change-submit = Cuir a-steach am bhòt ùr agam

# Cunntadh beò
live-title = Cunntadh beò: { $round }
live-connecting = A’ ceangal ris a’ chunntadh bheò…
live-connected = Beò: thèid an cunntadh ùrachadh leis fhèin mar a thig pàipearan-bhòtaidh a-steach.
live-lost = Chaidh an ceangal a chall. A’ ceangal a-rithist leis fhèin…
live-waiting = A’ feitheamh ris na ciad fhigearan…
live-total = { $ballots ->
    [one] { $ballots } phàipear-bhòtaidh air a chunntadh gu ruige seo.
    [two] { $ballots } phàipear-bhòtaidh air an cunntadh gu ruige seo.
    [few] { $ballots } pàipearan-bhòtaidh air an cunntadh gu ruige seo.
   *[other] { $ballots } pàipear-bhòtaidh air an cunntadh gu ruige seo.
  }
live-district-ballots = { $ballots ->
    [one] { $ballots } phàipear-bhòtaidh san sgìre seo.
    [two] { $ballots } phàipear-bhòtaidh san sgìre seo.
    [few] { $ballots } pàipearan-bhòtaidh san sgìre seo.
   *[other] { $ballots } pàipear-bhòtaidh san sgìre seo.
  }
live-chart = Bhòtaichean gu ruige seo: { $district }
live-hidden = Cha seall a’ chuairt seo an cunntadh aice gus an dùin am bhòtadh.

# Toraidhean
results-title = Toraidhean: { $round }
results-not-yet = Cha deach toraidhean na cuairte seo fhoillseachadh fhathast.
results-how = Mar a chaidh na bhòtaichean a chunntadh
results-summary = Pàipearan-bhòtaidh air an cunntadh: { $ballots }. Modh cunntaidh: { $rule }. Air fhoillseachadh: { $date }.
results-spent = Tha { $spent } de { $budget } air a mhaoineachadh ({ $share }%), agus tha { $left } air fhàgail. Pàipearan-bhòtaidh san sgìre seo: { $ballots }.
results-table = { $district }: na pròiseactan, san òrdugh san do bheachdaich an riaghailt orra
results-project = Pròiseact
results-votes = Bhòtaichean
results-outcome = Toradh
results-funded = Air a mhaoineachadh
results-not-funded = Gun mhaoineachadh
results-why = Carson
rule-greedy = an riaghailt shanntach (na bhòtaichean as motha an toiseach)
rule-mes = Modh nan Earrannan Co-ionann
rule-mes-add1 = Modh nan Earrannan Co-ionann (le àrdachaidhean buidseit)
rule-mes-add1-greedy = Modh nan Earrannan Co-ionann, air a choileanadh gu sanntach
rule-phragmen = Phragmén sreathach
rule-greedy-about = Thèid na pròiseactan a ghabhail ann an òrdugh nam bhòtaichean; gheibh gach fear maoineachadh ma tha àite air a shon fhathast anns na tha air fhàgail den bhuidseat.
rule-mes-about = Tha am buidseat air a roinn gu co-ionann eadar na bhòtairean. Gheibh pròiseact maoineachadh nuair as urrainn don luchd-taic aige pàigheadh air a shon còmhla às na h-earrannan aca, a’ taghadh an toiseach a’ phròiseict a chosgas as lugha do gach neach-taic.
rule-mes-add1-about = Modh nan Earrannan Co-ionann, le earrann gach bhòtair ga h-àrdachadh ceum air cheum fhad ’s a tha an toradh fhathast taobh a-staigh a’ bhuidseit, gus nach fhàgar uiread de dh’airgead gun chosg.
rule-mes-add1-greedy-about = Modh nan Earrannan Co-ionann le àrdachaidhean buidseit, agus an uair sin thèid airgead sam bith a tha air fhàgail dha na pròiseactan eile ann an òrdugh nam bhòtaichean.
rule-phragmen-about = Cuiridh gach pròiseact a gheibh maoineachadh eallach air an luchd-taic aige; thèid na pròiseactan a thaghadh gus am bi an t-eallach as truime air bhòtair sam bith cho aotrom ’s a ghabhas.
tie-lexico = A-rèir ID a’ phròiseict (mar a nì innealan Pabulib)
tie-cost-then-votes = Am fear as saoire an toiseach, an uair sin am fear le barrachd bhòtaichean
why-greedy-funded = Air a mhaoineachadh: àireamh { $rank } a-rèir bhòtaichean, agus bha àite ann dha; bha { $left } air fhàgail às a dhèidh.
why-greedy-not-funded = Gun mhaoineachadh: àireamh { $rank } a-rèir bhòtaichean, ach cha robh ach { $left } air fhàgail nuair a thàinig a thìde, agus cosgaidh e { $cost }.
why-mes-funded = Air a mhaoineachadh ann an ceum { $round }: phàigh an luchd-taic aige ({ $supporters } dhiubh) air a shon, { $share } an urra air a’ char as motha.
why-mes-free = Air a mhaoineachadh: chan eil e a’ cosg dad agus chuir daoine taic ris.
why-mes-short = Gun mhaoineachadh: cha robh ach { $left } air fhàgail eatarra aig an luchd-taic aige ({ $supporters } dhiubh), nas lugha na na { $cost } a chosgas e.
why-mes-free-ignored = Gun mhaoineachadh: chan eil e a’ cosg dad, agus mar sin chan eil an riaghailt seo a’ toirt cuideam sam bith dha.
why-no-support = Gun mhaoineachadh: cha do bhòt duine air a shon.
why-completion-funded = Air a mhaoineachadh sa cheum mu dheireadh: àireamh { $rank } a-rèir bhòtaichean, agus bha àite ann dha anns na bha air fhàgail; bha { $left } air fhàgail às a dhèidh.
why-completion-not-funded = Gun mhaoineachadh: cha robh ach { $left } air fhàgail aig an luchd-taic aige ({ $supporters } dhiubh) de na { $cost } a chosgas e, agus cha robh ach { $remaining } air fhàgail airson a’ cheum mu dheireadh.
why-phragmen-funded = Air a mhaoineachadh ann an ceum { $round }: dh’èirich an t-eallach air gach neach-taic gu { $load }.
why-phragmen-not-funded = Gun mhaoineachadh: stad an cunntadh le { $left } air fhàgail, agus cosgaidh e { $cost }.
why-over-budget = Gun mhaoineachadh: cosgaidh e { $cost }, barrachd air a’ bhuidseat gu lèir de { $budget }.
chart-show-numbers = Seall na h-àireamhan
chart-cost = Cosgais
chart-votes-cost = Bhòtaichean an aghaidh cosgais: { $district }
chart-votes-cost-summary = Graf a sheallas bhòtaichean gach pròiseict an aghaidh a chosgais. ’S e pròiseactan a fhuair maoineachadh a th’ anns na dotagan làn, agus ’s e an fheadhainn nach d’ fhuair a th’ anns na cearcallan. Tha na h-aon fhigearan sa chlàr gu h-àrd.
open-data-title = Dearbh an toradh thu fhèin
open-data-lede = Seo na pàipearan-bhòtaidh gun ainm às an deach an toradh a chunntadh, ann am fòrmat Pabulib. Chan eil ainmean, còdan no amannan annta.
open-data-download = Luchdaich a-nuas { $file }
open-data-sha = An lorg-meòir SHA-256 aige:
open-data-recompute = Gus an toradh obrachadh a-mach a-rithist leis an aon chòd a chleachdas Cairn, ruith:

# Com-pàirteachadh
stats-title = Cò ghabh pàirt
stats-hidden = Thèid figearan a’ chom-pàirteachaidh a shealltainn nuair a dhùineas am bhòtadh.
stats-total = Pàipearan-bhòtaidh uile gu lèir: { $ballots }. Cha tèid buidhnean le nas lugha na { $below } neach a shealltainn, gus nach gabh duine aithneachadh.
stats-suppressed = nas lugha na { $below }
stats-ballots = Pàipearan-bhòtaidh
stats-by-district = Pàipearan-bhòtaidh a-rèir sgìre
stats-by-day = Pàipearan-bhòtaidh a-rèir latha
stats-by-method = Pàipearan-bhòtaidh air loidhne is air pàipear
stats-by-age = Pàipearan-bhòtaidh a-rèir bann-aoise (air fhreagairt gu saor-thoileach)
stats-by-gender = Pàipearan-bhòtaidh a-rèir gnè (air fhreagairt gu saor-thoileach)
method-online = Air loidhne
method-paper = Pàipear

# Lìbhrigeadh
delivery-title = Lìbhrigeadh nam pròiseactan a fhuair maoineachadh
delivery-none = Cha deach naidheachd sam bith mun lìbhrigeadh a phostadh fhathast.
delivery-planned = San amharc
delivery-in-progress = A’ dol air adhart
delivery-delivered = Air a lìbhrigeadh
delivery-cancelled = Air a chur dheth

# Consoil nan oifigearan
officer-sign-in = Clàraich a-steach
officer-sign-in-lede = Airson luchd-obrach na comhairle a bhios a’ ruith chuairtean buidseatadh com-pàirteachail.
officer-sign-in-needed = Clàraich a-steach, mas e do thoil e
officer-email = Seòladh puist-d
officer-password = Facal-faire
officer-sign-out = Clàraich a-mach
officer-nav = Consoil
officer-signed-in-as = Air do chlàradh a-steach mar { $name }, { $organisation }
officer-dashboard = Deas-bhòrd
officer-new-round = Cruthaich cuairt
officer-audit = Loga sgrùdaidh
officer-officers = Oifigearan
officer-admin-only = Chan fhaod ach rianairean oifigearan a stiùireadh.
officer-no-rounds = Chan eil cuairt sam bith aig a’ bhuidheann agad fhathast.
officer-rounds = Cuairtean na buidhne agad
officer-round = Cuairt
officer-phase = Ìre
officer-actions = Gnìomhan
officer-ballots-in = { $ballots ->
    [one] { $ballots } phàipear-bhòtaidh air fhaighinn.
    [two] { $ballots } phàipear-bhòtaidh air am faighinn.
    [few] { $ballots } pàipearan-bhòtaidh air am faighinn.
   *[other] { $ballots } pàipear-bhòtaidh air am faighinn.
  }
officer-public-page = Duilleag phoblach
officer-edit-settings = Deasaich na roghainnean
officer-round-audit = Loga sgrùdaidh na cuairte seo
officer-locked = Tha am bhòtadh air fosgladh: tha riaghailtean a’ phàipeir-bhòtaidh, am buidseat agus na pròiseactan glaiste.
officer-phase-title = Ìre
officer-phase-hint = Thèid gach atharrachadh a chlàradh san loga sgrùdaidh.
officer-phase-final = Tha a’ chuairt seo air a dhol tro gach ìre.
officer-move-to = Gluais gu: { $phase }
officer-phase-done = Ìre na cuairte a-nis: { $phase }.
officer-publish-title = Cunnt is foillsich
officer-publish-hint = Thèid na pàipearan-bhòtaidh a chunntadh leis an riaghailt a thaghas tu, agus thèid an toradh, na mìneachaidhean aige agus na pàipearan-bhòtaidh gun ainm fhoillseachadh aig an aon àm.
officer-publish = Cunnt is foillsich an toradh
officer-published = Tha an toradh air fhoillseachadh.
officer-delivery-title = Naidheachdan mun lìbhrigeadh
officer-delivery-status = Staid
officer-delivery-note = Nota don phoball
officer-delivery-on = Ceann-latha
officer-delivery-on-hint = Fàg bàn e airson an latha an-diugh.
officer-post-update = Postaich an naidheachd
officer-update-posted = Chaidh an naidheachd a phostadh.
role-admin = Rianaire
role-officer = Oifigear
officers-name = Ainm
officers-role = Dreuchd
officers-add = Cuir oifigear ris
officers-added = Faodaidh { $name } clàradh a-steach a-nis.
officers-password-hint = Co-dhiù 12 caractaran. Thoir dhaibh e aghaidh ri aghaidh; faodaidh iad atharrachadh às a dhèidh seo.

# Draoidh nan cuairtean
wizard-new-title = Cruthaich cuairt
wizard-edit-title = Roghainnean na cuairte
wizard-steps = Ceumannan
wizard-step = Ceum { $n } de { $of }: { $name }
wizard-basics = Bunaitean
wizard-areas = Sgìrean is buidseat
wizard-ballot = Pàipear-bhòtaidh
wizard-timeline = Clàr-ama is cunntadh
wizard-review = Dearbh
wizard-title = Tiotal
wizard-summary = Geàrr-chunntas ann an aon loidhne
wizard-description = Tuairisgeul
wizard-currency = Airgeadra
wizard-areas-hint = Tha am buidseat fhèin agus na pròiseactan fhèin aig gach sgìre. Bidh luchd-còmhnaidh a’ bhòtadh ann an aon sgìre.
wizard-area-name = Ainm sgìre { $n }
wizard-area-budget = Buidseat sgìre { $n }
wizard-add-area = Cuir sgìre ris
wizard-categories = Roinnean-seòrsa
wizard-categories-hint = Aon air gach loidhne, mar eisimpleir Pàircean no Còmhdhail. Roghainneil.
wizard-ballot-kind = Seòrsa pàipeir-bhòtaidh
kind-approval = Aonta: tagh pròiseactan
kind-cumulative = Puingean: roinn puingean air pròiseactan
kind-ordinal = Rangachadh: cuir pròiseactan ann an òrdugh
wizard-min-projects = An àireamh as lugha de phròiseactan a dh’fheumas bhòtair a thaghadh
wizard-max-projects = An àireamh as motha de phròiseactan a dh’fhaodas bhòtair a thaghadh
wizard-max-hint = Fàg bàn e airson gun chrìoch (pàipearan-bhòtaidh aonta a-mhàin).
wizard-knapsack = Feumaidh na pròiseactan a thaghas bhòtair a bhith taobh a-staigh buidseat na sgìre
wizard-max-sum = Puingean aig gach bhòtair
wizard-max-points = An àireamh as motha de phuingean air aon phròiseact
wizard-min-points = An àireamh as lugha de phuingean a dh’fheumas bhòtair a chleachdadh
wizard-revote = Faodaidh bhòtairean am bhòt atharrachadh gus an dùin am bhòtadh
wizard-bound = Tha gach còd-bhòtaidh airson aon sgìre a-mhàin
wizard-min-age = An aois as lugha
wizard-min-age-hint = Roghainneil. Thèid a shealltainn do bhòtairean; dearbhaidh a’ chomhairle cò a tha airidh nuair a bheir i seachad na còdan.
wizard-times-hint = Tha na h-amannan ann an UTC. Fosglaidh is dùinidh am bhòtadh leis fhèin aig na h-amannan seo.
wizard-proposals-open = Faodar beachdan a chur a-steach bho
wizard-results-due = Dùil ris na toraidhean ro
wizard-rule = Riaghailt cunntaidh
wizard-tie-break = Nuair a tha dà phròiseact co-ionann
wizard-live = Seall an cunntadh beò don phoball fhad ’s a tha am bhòtadh fosgailte
wizard-back = Air ais
wizard-next = Air adhart
wizard-save = Sàbhail a’ chuairt
wizard-fix = Feumar mion-fhiosrachadh no dhà a cheartachadh mus gabh a’ chuairt a shàbhaladh:
wizard-need-title = Thoir tiotal dhan chuairt.
wizard-need-area = Cuir co-dhiù aon sgìre ris le buidseat.
wizard-bad-area = Feumaidh sgìre { $n } ainm agus buidseat ann am figearan.
wizard-bad-limits = Feumaidh crìochan a’ phàipeir-bhòtaidh a bhith nan àireamhan slàna.
wizard-bad-date = Chan eil ceann-latha san riochd a bheir am mìosachan.
wizard-bad-age = Feumaidh an aois as lugha a bhith na h-àireamh shlàn.

# Pròiseactan sa chonsoil
project-add-title = Cuir pròiseact ris
project-edit-title = Deasaich am pròiseact
project-edit = Deasaich { $project }
project-title = Tiotal
project-summary = Geàrr-chunntas
project-image-url = Seòladh an deilbh (roghainneil)
project-feasibility = So-dhèantachd
project-reason = Adhbhar, mura h-eil e so-dhèanta
project-reason-hint = Chì luchd-còmhnaidh an t-adhbhar seo air a’ phròiseact.
project-withdrawn-check = Air a tharraing air ais leis an neach a mhol e
project-withdrawn-short = Air a tharraing air ais
project-no-category = Gun roinn-seòrsa
project-save = Sàbhail am pròiseact
project-saved = Chaidh am pròiseact a shàbhaladh.
project-bad-cost = Thoir a’ chosgais ann am figearan, mar eisimpleir 25000 no 1250.50.
feasibility-feasible = So-dhèanta
feasibility-not-feasible = Chan eil e so-dhèanta
feasibility-pending = Ga sgrùdadh
import-title = Ion-phortaich pròiseactan
import-hint = Bho fhaidhle CSV le sreath-cinn (tha title agus cost riatanach; tha district, category, summary, description, location, image_url, feasibility agus feasibility_reason roghainneil) no bho fhaidhle .pb Pabulib. Dearbh e an toiseach: cha tèid dad a shàbhaladh gus an ion-phortaich thu.
import-format = Fòrmat an fhaidhle
import-csv = CSV
import-pabulib = Pabulib (.pb)
import-area = Sgìre airson pròiseactan nach ainmich sgìre
import-file = Faidhle
import-content = No cuir susbaint an fhaidhle an seo
import-preview = Dearbh am faidhle
import-save = Ion-phortaich na pròiseactan seo
import-errors = Loidhnichean ri an ceartachadh
import-line = Loidhne { $line }: { $message }
import-checked = Pròiseactan air an leughadh: { $count }. Loidhnichean ri an ceartachadh: { $errors }. Cha deach dad a shàbhaladh fhathast.
import-saved = Pròiseactan air an ion-phortadh: { $count }.

# Còdan-bhòtaidh sa chonsoil
codes-title = Còdan-bhòtaidh
codes-batches = Baidsean de chòdan
codes-label = Leubail
codes-size = Còdan
codes-used = Air an cleachdadh
codes-revoked-count = Air an cur à comas
codes-new = Cuir a-mach baidse
codes-count = Co mheud còd
codes-area = Sgìre
codes-any-area = Sgìre sam bith
codes-label-hint = Airson nan clàran agad, mar eisimpleir “Seisean fosgailte sa leabharlann, 4mh dhen Dùbhlachd”.
codes-issue = Cuir a-mach na còdan
codes-bad-count = Thoir an àireamh de chòdan ann am figearan.
codes-issued = Còdan air an cur a-mach: { $count }.
codes-once = Chan fhaicear na còdan seo ach an-dràsta: cha ghlèidh Cairn ach lorg-meòir de gach fear. Luchdaich a-nuas no clò-bhuail iad mus fhàg thu an duilleag seo.
codes-download = Luchdaich a-nuas mar CSV
codes-print = Clò-bhuail an duilleag
codes-sheet = Còdan-bhòtaidh airson an clò-bhualadh
codes-card-help = Bhòt air loidhne leis a’ chòd seo. Obraichidh e aon turas a-mhàin.
codes-revoke-title = Cuir còd à comas
codes-revoke-hint = Sguiridh còd a chaidh air chall no a chaidh a mhì-chleachdadh a dh’obair sa bhad.
codes-revoke = Cuir an còd à comas
codes-revoked = Chaidh an còd a chur à comas.

# Bhòtaichean air pàipear
paper-title = Bhòtaichean air pàipear
paper-hint = Cuir a-steach gach pàipear-bhòtaidh dìreach mar a chaidh a chomharrachadh. Tha na h-aon riaghailtean an sàs ’s a tha air loidhne, agus thèid a chlàradh mar bhòt pàipeir.
paper-enter = Cuir a-steach am pàipear-bhòtaidh seo
paper-entered = Chaidh am pàipear-bhòtaidh a chur a-steach.

# Loga sgrùdaidh
audit-hint = Gach gnìomh le oifigear, am fear as ùire an toiseach. Tha lorg-meòir gach innteirt a’ còmhdachadh an innteirt roimhe, agus mar sin ma thèid innteart atharrachadh no a sguabadh às, brisear an t-slabhraidh (dearbhaidh cairn audit verify seo).
audit-empty = Cha deach dad a chlàradh fhathast.
audit-when = Cuin
audit-who = Cò
audit-what = Gnìomh
audit-detail = Mion-fhiosrachadh
audit-hash = Lorg-meòir
