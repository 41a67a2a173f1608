{#- ERP receivable bills with their customer's name and the keys the receivable rules compare, computed once:
    the bill number as a code (norm_code) and the customer name as an organisation name (norm_org). -#}
with bills as (
    select * from {{ ref('stg_nc_erp__ar_bill') }}
),

customers as (
    select * from {{ ref('stg_nc_erp__customer') }}
),

final as (
    select
        bills.*,
        customers.customer_name,
        -- keys
        {{ norm_code('bills.bill_no') }} as bill_key,
        {{ norm_code('bills.customer_code') }} as customer_code_key,
        {{ norm_org('customers.customer_name') }} as customer_name_key
    from bills
    left join customers on customers.customer_code = bills.customer_code
)

select * from final
